package com.goodwill.fulfillment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.fulfillment.execution.ExecutionPlan;
import com.goodwill.fulfillment.execution.Instruments;
import com.goodwill.fulfillment.execution.OutsideRemedies;
import com.goodwill.fulfillment.execution.PaymentProvider;
import com.goodwill.fulfillment.execution.RemedyOutcome;
import com.goodwill.fulfillment.execution.Warehouse;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.CommandRows;
import com.goodwill.fulfillment.persistence.CustomerChoice;
import com.goodwill.fulfillment.persistence.ProviderCall;
import com.goodwill.kit.problem.ProblemException;
import com.goodwill.kit.transaction.AfterCommit;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a compensation command is executed, from the moment it is received to its final step.
 *
 * <ol>
 *   <li>Received (the consumer's transaction): the command is stored with its RECEIVED and EXECUTING steps. A remedy
 *       this service books itself (store credit, voucher, entitlement, apology) is booked in that same transaction,
 *       with the final step.</li>
 *   <li>A remedy of an outside system (refund, replacement): the intent is journaled ({@link ProviderCall}) in that
 *       transaction too, and after the commit the call runs on the {@link ExecutionPool}, carrying the remedy's
 *       idempotency key, with retries, timeouts and a circuit breaker around it. Its answer and the final step commit
 *       together afterwards.</li>
 *   <li>Out of stock moves on to the next fallback of the decision (journaled before it is called);
 *       the final step is then FULFILLED_BY_FALLBACK and says what was done instead.</li>
 *   <li>A crash between the provider's answer and that commit leaves the command EXECUTING with its intent journaled:
 *       on start every EXECUTING command resumes at its journaled remedy, with the same key, so the provider answers
 *       the call it executed before instead of executing it again.</li>
 *   <li>A command offering alternatives waits (RECEIVED) for the customer's choice until its
 *       {@link CompensationRequested#choiceUntil()}; a choice executes the chosen remedy instead, no choice the
 *       command's own when that time has come.</li>
 * </ol>
 * Every step goes through {@link StepRecorder#record}.
 */
@ApplicationScoped
public class CommandExecutions {

    private static final Logger LOG = Logger.getLogger(CommandExecutions.class);

    private final StepRecorder steps;
    private final InternalRemedies internal;
    private final OutsideRemedies outside;
    private final ExecutionPool pool;
    private final ExecutionCommits commits;
    private final CrashPoint crashPoint;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final Duration choiceSweep;
    private final EntityManager entityManager;
    private final CommandRows commandRows;
    private ScheduledExecutorService sweeper;

    public CommandExecutions(StepRecorder steps, InternalRemedies internal, PaymentProvider payments, Warehouse warehouse,
                             ExecutionPool pool, ExecutionCommits commits, CrashPoint crashPoint,
                             TransactionSynchronizationRegistry transactions,
                             Clock clock, EntityManager entityManager, CommandRows commandRows,
                             @ConfigProperty(name = "goodwill.fulfilment.choice-sweep-interval", defaultValue = "PT5S") Duration choiceSweep) {
        this.steps = steps;
        this.internal = internal;
        this.outside = new OutsideRemedies(payments, warehouse);
        this.pool = pool;
        this.commits = commits;
        this.crashPoint = crashPoint;
        this.transactions = transactions;
        this.clock = clock;
        this.choiceSweep = choiceSweep;
        this.entityManager = entityManager;
        this.commandRows = commandRows;
    }

    /** A command from Kafka with the trace its record carries. */
    public record Received(EventEnvelope cause, CompensationRequested command, Context trace) {
    }

    /**
     * A command from Kafka, in the consumer's transaction, with the current trace. A command seen before (same id or
     * key) changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(EventEnvelope cause, CompensationRequested command) {
        receiveAll(List.of(new Received(cause, command, Context.current())));
    }

    /**
     * {@link #receive} for a poll's worth of commands in the consumer's one transaction: what was received before is
     * found with one query, the new commands are written together (statements in JDBC batches, their events in one
     * outbox statement, their messages at once), and their outside calls start after the commit. Each command's steps
     * continue the trace of its own record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receiveAll(List<Received> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> known = entityManager.createNativeQuery("""
                        select command_id, idempotency_key from compensation_command
                        where command_id = any(?1) or idempotency_key = any(?2)""")
                .setParameter(1, commands.stream().map(r -> r.command().commandId()).toArray(String[]::new))
                .setParameter(2, commands.stream().map(r -> r.command().idempotencyKey()).toArray(String[]::new))
                .getResultList();
        known.forEach(row -> {
            seen.add("id:" + row[0]);
            seen.add("key:" + row[1]);
        });
        List<Received> fresh = new ArrayList<>(commands.size());
        List<CommandEntity> rows = new ArrayList<>(commands.size());
        for (Received received : commands) {
            CompensationRequested command = received.command();
            // A command seen before, in the database or earlier in this poll, changes nothing.
            if (!seen.add("id:" + command.commandId()) | !seen.add("key:" + command.idempotencyKey())) {
                LOG.infof("Command %s was received before; nothing is executed again", command.commandId());
                continue;
            }
            fresh.add(received);
            rows.add(newRow(received.cause(), command));
        }
        // Step by step for all commands, each kind of row in one statement (plain SQL: the rows are not entities of
        // the transaction, nothing of them is dirty-checked or flushed). A new command row is inserted after its
        // RECEIVED and EXECUTING steps, once, in its state after them, instead of inserted and then updated (its step
        // rows are inserted after it, see StepRecorder); the journal of the outside calls after the commands too.
        List<ProviderCall> journaled = new ArrayList<>();
        steps.together(rows, () -> {
            for (int i = 0; i < fresh.size(); i++) {
                CompensationRequested command = fresh.get(i).command();
                CommandEntity row = rows.get(i);
                try (Scope ignored = fresh.get(i).trace().makeCurrent()) {
                    steps.record(row, command, FulfilmentStatus.RECEIVED, command.instrument(), command.amount(), null,
                            row.choiceUntil != null ? awaitingChoice(row) : "received");
                }
            }
            for (int i = 0; i < fresh.size(); i++) {
                CompensationRequested command = fresh.get(i).command();
                if (rows.get(i).choiceUntil == null) {
                    try (Scope ignored = fresh.get(i).trace().makeCurrent()) {
                        steps.record(rows.get(i), command, FulfilmentStatus.EXECUTING, command.instrument(),
                                command.amount(), null, "executing " + command.instrument());
                    }
                }
            }
            CommandRows.Tracked inserted = commandRows.insertAll(rows);
            for (int i = 0; i < fresh.size(); i++) {
                CompensationRequested command = fresh.get(i).command();
                if (rows.get(i).choiceUntil == null) {
                    try (Scope ignored = fresh.get(i).trace().makeCurrent()) {
                        proceed(rows.get(i), command, ExecutionPlan.of(command), journaled);
                    }
                }
            }
            commandRows.insertCalls(journaled);
            // Internal remedies were booked with their final steps after the rows went in.
            inserted.writeChanges();
        });
    }

    private CommandEntity newRow(EventEnvelope cause, CompensationRequested command) {
        CommandEntity row = new CommandEntity();
        row.commandId = command.commandId();
        row.decisionId = command.decisionId();
        row.incidentId = command.incidentId();
        row.orderId = command.orderId();
        row.customerId = command.customerId();
        row.instrument = command.instrument();
        row.amountMinor = command.amount().amountMinor();
        row.currency = command.amount().currency();
        row.idempotencyKey = command.idempotencyKey();
        row.commandJson = json(command);
        row.causeEventId = cause.id();
        row.attempt = 1;
        row.status = FulfilmentStatus.RECEIVED;
        row.receivedAt = clock.instant();
        // A command arriving after its time to choose (a long outage) executes at once: a late choice is no choice.
        row.choiceUntil = command.choiceOpenAt(row.receivedAt) ? command.choiceUntil() : null;
        return row;
    }

    private static String awaitingChoice(CommandEntity row) {
        return "received; the customer may choose an alternative until " + row.choiceUntil;
    }

    /** Whether the command still waits for the customer's choice (received, not executed, nothing chosen). */
    public boolean awaitsChoice(CommandEntity row) {
        return row.status == FulfilmentStatus.RECEIVED && CustomerChoice.findById(row.commandId) == null;
    }

    /**
     * The customer chose one of the command's alternatives: recorded once and executed instead of the command's own
     * remedy. Choosing the same again answers as before; another choice, or one after the command was executed, is 409.
     */
    @Transactional
    public CommandEntity choose(String commandId, Remedy chosen) {
        CommandEntity row = CommandEntity.findById(commandId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("No command " + commandId);
        }
        CustomerChoice earlier = CustomerChoice.findById(commandId);
        if (earlier != null) {
            if (earlier.instrument == chosen.instrument()) {
                return row;
            }
            throw new ProblemException(409, "Already chosen", "the customer chose " + earlier.instrument
                    + " for command " + commandId + " already", List.of());
        }
        if (row.status != FulfilmentStatus.RECEIVED) {
            throw new ProblemException(409, "Already executed", "command " + commandId + " is " + row.status
                    + "; the choice can no longer change it", List.of());
        }
        CustomerChoice choice = new CustomerChoice();
        choice.commandId = commandId;
        choice.instrument = chosen.instrument();
        choice.amountMinor = chosen.amount().amountMinor();
        choice.currency = chosen.amount().currency();
        choice.validForDays = chosen.validForDays();
        choice.chosenAt = clock.instant();
        choice.persist();
        CompensationRequested command = command(row);
        start(row, command, ExecutionPlan.ofChoice(command, chosen), "the customer chose " + chosen.instrument()
                + " instead of " + command.instrument());
        return row;
    }

    /** Commands whose time to choose has run out without a choice execute their own remedy. */
    void executeUnchosen() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<CommandEntity> due = CommandEntity.<CommandEntity>find(
                        "status = ?1 and choiceUntil <= ?2 order by choiceUntil",
                        FulfilmentStatus.RECEIVED, clock.instant()).page(0, 200).list();
                for (CommandEntity row : due) {
                    CommandEntity locked = CommandEntity.findById(row.commandId, LockModeType.PESSIMISTIC_WRITE);
                    if (awaitsChoice(locked)) {
                        CompensationRequested command = command(locked);
                        start(locked, command, ExecutionPlan.of(command), "no alternative chosen: executing "
                                + command.instrument());
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Executing commands whose time to choose ran out failed; tried again shortly");
        }
    }

    void stopSweeper(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** An operator retries a FAILED command: the same plan, the same keys, resumed where it failed. */
    @Transactional
    public CommandEntity retry(String commandId) {
        CommandEntity row = CommandEntity.findById(commandId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("No command " + commandId);
        }
        if (row.status != FulfilmentStatus.FAILED) {
            throw new ProblemException(409, "Not retryable", "command " + commandId + " is " + row.status
                    + "; only a FAILED command can be retried", List.of());
        }
        row.attempt++;
        CompensationRequested command = command(row);
        start(row, command, plan(row, command), "retried by an operator (attempt " + row.attempt + ")");
        return row;
    }

    /** Commands left EXECUTING by a stop or a crash resume with the keys they were journaled with. */
    void recover(@Observes StartupEvent event) {
        List<String> unfinished = QuarkusTransaction.requiringNew().call(() -> CommandEntity.<CommandEntity>list(
                "status = ?1 order by receivedAt", FulfilmentStatus.EXECUTING).stream().map(c -> c.commandId).toList());
        if (!unfinished.isEmpty()) {
            LOG.infof("Resuming %d command(s) left executing by the last run", unfinished.size());
        }
        unfinished.forEach(id -> pool.submit(id, commandId -> run(commandId, null)));
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "choice-window");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::executeUnchosen, choiceSweep.toMillis(), choiceSweep.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Records the EXECUTING step of a command received before, then executes it where it left off. */
    private void start(CommandEntity row, CompensationRequested command, ExecutionPlan plan, String detail) {
        // The step names what the plan carries out first: the command's own remedy, or the customer's choice (so the
        // customer's messages speak of the chosen remedy, also when an operator retries it).
        Remedy first = plan.steps().get(0).remedy();
        steps.record(row, command, FulfilmentStatus.EXECUTING, first.instrument(), first.amount(), null, detail);
        proceed(row, command, plan, null);
    }

    /**
     * After the EXECUTING step: books an internal remedy at once, or journals the outside call and runs it after commit.
     *
     * @param journal for a fresh command (no journal yet), where its journal row goes, to be inserted by the caller in
     *                this transaction; null for a command received before (its journal is looked up and written here)
     */
    private void proceed(CommandEntity row, CompensationRequested command, ExecutionPlan plan, List<ProviderCall> journal) {
        boolean fresh = journal != null;
        int from = fresh ? plan.steps().get(0).index() : resumeIndex(row, plan);
        ExecutionPlan.Step first = plan.step(from);
        if (!Instruments.needsOutsideSystem(first.remedy().instrument())) {
            finishInternally(row, command, first, List.of());
            return;
        }
        if (fresh) {
            journal.add(intent(row, first));
        } else {
            journal(row, first);
        }
        String commandId = row.commandId;
        // The first run needs no read: it starts from what was just journaled. A resumed run reads the command again.
        AtomicReference<Snapshot> known = new AtomicReference<>(new Snapshot(command, plan, row.attempt, from));
        Context trace = Context.current();
        AfterCommit.run(transactions, () -> {
            // The execution continues the trace of the command it runs, also when many commit together.
            try (Scope ignored = trace.makeCurrent()) {
                pool.submit(commandId, id -> run(id, known.getAndSet(null)));
            }
        });
    }

    /** What an execution runs from: the command, its plan and attempt, and the remedy whose call is journaled. */
    private record Snapshot(CompensationRequested command, ExecutionPlan plan, int attempt, int from) {
    }

    /**
     * Runs a command's outside calls from its journaled remedy on; no transaction is open during a call. The changes
     * are committed through {@link ExecutionCommits}, together with those of other executions.
     *
     * @param known the command as just journaled (its first call then is not journaled again); null to read it
     */
    void run(String commandId, Snapshot known) {
        Snapshot snapshot = known != null ? known : QuarkusTransaction.requiringNew().call(() -> {
            CommandEntity row = CommandEntity.findById(commandId);
            if (row == null || row.status != FulfilmentStatus.EXECUTING) {
                return null;
            }
            CompensationRequested command = command(row);
            ExecutionPlan plan = plan(row, command);
            return new Snapshot(command, plan, row.attempt, resumeIndex(row, plan));
        });
        if (snapshot == null) {
            return;
        }
        List<String> unavailable = new ArrayList<>();
        for (ExecutionPlan.Step step : snapshot.plan().from(snapshot.from())) {
            if (!Instruments.needsOutsideSystem(step.remedy().instrument())) {
                commits.apply(commandId, snapshot.attempt(), row -> finishInternally(row, snapshot.command(), step, unavailable));
                return;
            }
            if (known == null || step.index() != snapshot.from()) {
                commits.apply(commandId, snapshot.attempt(), row -> journal(row, step));
            }
            RemedyOutcome outcome;
            try {
                outcome = outside.execute(snapshot.command().orderId(), snapshot.command().customerId(), step.remedy(),
                        step.idempotencyKey());
            } catch (RuntimeException e) {
                String reason = step.remedy().instrument() + " failed: " + reason(e);
                commits.apply(commandId, snapshot.attempt(), row -> steps.record(row, snapshot.command(),
                        FulfilmentStatus.FAILED, step.remedy().instrument(), step.remedy().amount(), null,
                        prefix(unavailable) + reason));
                return;
            }
            if (outcome instanceof RemedyOutcome.Executed executed) {
                crashPoint.reached(CrashPoint.AFTER_PROVIDER_ACCEPTED, commandId);
                commits.apply(commandId, snapshot.attempt(), row -> {
                    resolve(row, step, ProviderCall.Status.CONFIRMED, executed.reference(), executed.detail());
                    finish(row, snapshot.command(), step, executed, unavailable);
                });
                return;
            }
            String why = step.remedy().instrument() + ": " + ((RemedyOutcome.Unavailable) outcome).reason();
            unavailable.add(why);
            commits.apply(commandId, snapshot.attempt(), row -> resolve(row, step, ProviderCall.Status.UNAVAILABLE, null, why));
        }
        commits.apply(commandId, snapshot.attempt(), row -> steps.record(row, snapshot.command(), FulfilmentStatus.FAILED,
                snapshot.command().instrument(), snapshot.command().amount(), null,
                String.join("; ", unavailable) + "; no fallback left"));
    }

    private void finishInternally(CommandEntity row, CompensationRequested command, ExecutionPlan.Step step,
                                  List<String> unavailable) {
        RemedyOutcome.Executed executed;
        try {
            executed = internal.execute(row, step.remedy());
        } catch (IllegalArgumentException e) {
            steps.record(row, command, FulfilmentStatus.FAILED, step.remedy().instrument(), step.remedy().amount(), null,
                    prefix(unavailable) + step.remedy().instrument() + " failed: " + e.getMessage());
            return;
        }
        finish(row, command, step, executed, unavailable);
    }

    private void finish(CommandEntity row, CompensationRequested command, ExecutionPlan.Step step,
                        RemedyOutcome.Executed executed, List<String> unavailable) {
        boolean fallback = step.isFallback();
        Money amount = step.remedy().amount() == null ? Money.of(0, row.currency) : step.remedy().amount();
        String detail = fallback ? String.join("; ", unavailable) + "; instead of " + command.instrument() + ": "
                + executed.detail() : executed.detail();
        steps.record(row, command, fallback ? FulfilmentStatus.FULFILLED_BY_FALLBACK : FulfilmentStatus.SUCCEEDED,
                step.remedy().instrument(), amount, executed.reference(), detail);
    }

    /** Journals the intent to call (or to call again) before the call is made; a fresh command's: {@link #intent}. */
    private void journal(CommandEntity row, ExecutionPlan.Step step) {
        ProviderCall call = ProviderCall.findById(new ProviderCall.Key(row.commandId, step.index()));
        if (call == null) {
            intent(row, step).persist();
        } else if (call.status == ProviderCall.Status.UNAVAILABLE) {
            // Tried again (an operator's retry): stock may have arrived since.
            call.status = ProviderCall.Status.INTENDED;
            call.intendedAt = clock.instant();
            call.resolvedAt = null;
        }
    }

    /** A new journal row: the intent to call, with the remedy's idempotency key. */
    private ProviderCall intent(CommandEntity row, ExecutionPlan.Step step) {
        ProviderCall call = new ProviderCall();
        call.commandId = row.commandId;
        call.remedyIndex = step.index();
        call.callKey = step.idempotencyKey();
        call.instrument = step.remedy().instrument();
        call.amountMinor = step.remedy().amount() == null ? 0 : step.remedy().amount().amountMinor();
        call.currency = step.remedy().amount() == null ? row.currency : step.remedy().amount().currency();
        call.status = ProviderCall.Status.INTENDED;
        call.intendedAt = clock.instant();
        return call;
    }

    private void resolve(CommandEntity row, ExecutionPlan.Step step, ProviderCall.Status status, String reference,
                         String detail) {
        commits.resolveCall(row.commandId, step.index(), status, reference,
                detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500), clock.instant());
    }

    /** Where an execution starts or resumes: the last journaled remedy still open, else the plan's first. */
    private static int resumeIndex(CommandEntity row, ExecutionPlan plan) {
        int first = plan.steps().get(0).index();
        List<ProviderCall> open = ProviderCall.list("commandId = ?1 and status = ?2 and remedyIndex >= ?3 order by remedyIndex desc",
                row.commandId, ProviderCall.Status.INTENDED, first);
        return open.isEmpty() ? first : open.get(0).remedyIndex;
    }

    private static ExecutionPlan plan(CommandEntity row, CompensationRequested command) {
        CustomerChoice choice = CustomerChoice.findById(row.commandId);
        return choice == null ? ExecutionPlan.of(command) : ExecutionPlan.ofChoice(command,
                new Remedy(choice.instrument, Money.of(choice.amountMinor, choice.currency), choice.validForDays, false));
    }

    public static CompensationRequested command(CommandEntity row) {
        if (row.commandJson == null) {
            // Received before commands were kept whole: one instrument, no fallbacks or alternatives.
            return new CompensationRequested(row.commandId, row.decisionId, row.incidentId, row.orderId, row.customerId,
                    row.instrument, Money.of(row.amountMinor, row.currency), row.idempotencyKey, row.receivedAt);
        }
        try {
            return EventCodec.mapper().readValue(row.commandJson, CompensationRequested.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(CompensationRequested command) {
        try {
            return EventCodec.mapper().writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String prefix(List<String> unavailable) {
        return unavailable.isEmpty() ? "" : String.join("; ", unavailable) + "; then ";
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind.endsWith("OutsideSystemException") || kind.endsWith("OutsideSystemRefusal")
                ? message : kind + ": " + message;
    }
}
