package com.goodwill.fulfillment.service;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.CommandRows;
import com.goodwill.fulfillment.persistence.ProviderCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The transactions of running executions, committed together: an execution thread hands over what it has to record
 * about its command (a journaled call, a provider's answer, a final step) and waits until it is committed. A few
 * writer threads take whatever is waiting and commit it in one transaction (one lock query for the commands, their
 * journal read at once, their steps recorded {@link StepRecorder#together}), so a thousand executions finishing close
 * together cost a handful of transactions instead of a thousand, and the executions never hold a database connection
 * themselves. When such a transaction fails, each change is committed on its own instead, so one bad command cannot
 * hold up the others.
 */
@ApplicationScoped
public class ExecutionCommits {

    private static final Logger LOG = Logger.getLogger(ExecutionCommits.class);

    /** One change to one command, applied if the command is still in the execution (attempt) that asks for it. */
    private record Change(String commandId, int attempt, Consumer<CommandEntity> change, Context trace,
                          CompletableFuture<Void> committed) {
    }

    /** The batch this change was in failed as a whole; the change is committed on its own. */
    private static final class BatchFailed extends RuntimeException {
        BatchFailed(Throwable cause) {
            super(cause);
        }
    }

    /** Key of the transaction's answers to journaled calls, written at its end ({@link #resolveCall}). */
    private static final Object RESOLVED = ExecutionCommits.class.getName() + ".resolved";

    private final StepRecorder steps;
    private final CommandRows commandRows;
    private final TransactionSynchronizationRegistry transactions;
    private final int writers;
    private final int batchSize;
    private final LinkedBlockingQueue<Change> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public ExecutionCommits(StepRecorder steps, CommandRows commandRows,
                            TransactionSynchronizationRegistry transactions,
                            @ConfigProperty(name = "goodwill.fulfilment.commit-writers", defaultValue = "2") int writers,
                            @ConfigProperty(name = "goodwill.fulfilment.commit-batch-size", defaultValue = "200") int batchSize) {
        this.steps = steps;
        this.commandRows = commandRows;
        this.transactions = transactions;
        this.writers = writers;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 1; i <= writers; i++) {
            Thread thread = new Thread(this::write, "fulfilment-commits-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        // Whoever still waits commits on its own (or its command stays EXECUTING and resumes on the next start).
        List<Change> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(c -> c.committed().completeExceptionally(new BatchFailed(new IllegalStateException("stopping"))));
    }

    /**
     * Applies the change to the command in a transaction and returns once it is committed; nothing happens if the
     * command moved on meanwhile (another status or attempt). Runs in the caller's trace.
     *
     * @throws RuntimeException if the change could not be committed (the command stays as it was)
     */
    public void apply(String commandId, int attempt, Consumer<CommandEntity> change) {
        if (!running) {
            alone(commandId, attempt, change);
            return;
        }
        Change submitted = new Change(commandId, attempt, change, Context.current(), new CompletableFuture<>());
        waiting.add(submitted);
        try {
            submitted.committed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while command " + commandId + " was being recorded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BatchFailed) {
                alone(commandId, attempt, change);
            } else if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            } else {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void write() {
        while (running) {
            List<Change> batch = new ArrayList<>();
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, batchSize - 1);
            try {
                commit(batch);
                batch.forEach(c -> c.committed().complete(null));
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    batch.get(0).committed().completeExceptionally(e);
                } else {
                    LOG.infof("Recording %d executions together failed (%s); each is recorded on its own",
                            batch.size(), e.toString());
                    batch.forEach(c -> c.committed().completeExceptionally(new BatchFailed(e)));
                }
            }
        }
    }

    private void commit(List<Change> batch) {
        List<String> ids = batch.stream().map(Change::commandId).distinct().sorted().toList();
        QuarkusTransaction.requiringNew().run(() -> {
            // Locked in one order by every writer: two batches never wait for each other crosswise. Plain SQL, read into
            // rows Hibernate does not manage: no entity mapping, dirty checking or flush for hundreds of commands; what
            // the changes did to them is written back at the end, in one statement.
            CommandRows.Tracked rows = commandRows.lock(ids);
            List<Change> current = batch.stream().filter(c -> stillCurrent(rows.get(c.commandId()), c)).toList();
            List<CommandRows.CallAnswer> resolved = new ArrayList<>();
            transactions.putResource(RESOLVED, resolved);
            steps.together(current.stream().map(c -> rows.get(c.commandId())).toList(), () -> {
                for (Change change : current) {
                    try (Scope ignored = change.trace().makeCurrent()) {
                        change.change().accept(rows.get(change.commandId()));
                    }
                }
            });
            writeResolved(resolved);
            rows.writeChanges();
        });
    }

    private void alone(String commandId, int attempt, Consumer<CommandEntity> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            CommandEntity row = CommandEntity.findById(commandId, LockModeType.PESSIMISTIC_WRITE);
            if (stillCurrent(row, new Change(commandId, attempt, change, null, null))) {
                List<CommandRows.CallAnswer> resolved = new ArrayList<>();
                transactions.putResource(RESOLVED, resolved);
                change.accept(row);
                writeResolved(resolved);
            }
        });
    }

    /**
     * Records the answer to a journaled call in the transaction of the change that asks for it (with the command's
     * final step, when there is one). In a transaction of this class the answers of all its changes are written at its
     * end in one statement, without loading the journal rows as entities; the journal row of a call is always
     * committed before the call is made, so it exists and no entity of it is pending in this transaction.
     */
    public void resolveCall(String commandId, int remedyIndex, ProviderCall.Status status, String reference,
                            String detail, Instant at) {
        @SuppressWarnings("unchecked")
        List<CommandRows.CallAnswer> resolved = (List<CommandRows.CallAnswer>) transactions.getResource(RESOLVED);
        if (resolved != null) {
            resolved.add(new CommandRows.CallAnswer(commandId, remedyIndex, status, reference, detail, at));
            return;
        }
        ProviderCall call = ProviderCall.findById(new ProviderCall.Key(commandId, remedyIndex));
        call.status = status;
        call.reference = reference;
        call.detail = detail;
        call.resolvedAt = at;
    }

    private void writeResolved(List<CommandRows.CallAnswer> resolved) {
        transactions.putResource(RESOLVED, null);
        commandRows.resolveCalls(resolved);
    }

    private static boolean stillCurrent(CommandEntity row, Change change) {
        if (row == null || row.status != FulfilmentStatus.EXECUTING || row.attempt != change.attempt()) {
            LOG.warnf("Command %s moved on (%s, attempt %d) while attempt %d ran; its result is not recorded twice",
                    change.commandId(), row == null ? "gone" : row.status, row == null ? 0 : row.attempt, change.attempt());
            return false;
        }
        return true;
    }
}
