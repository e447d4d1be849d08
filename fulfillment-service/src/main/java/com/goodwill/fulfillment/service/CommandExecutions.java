package com.goodwill.fulfillment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.fulfillment.execution.ExecutionPlan;
import com.goodwill.fulfillment.execution.Instruments;
import com.goodwill.fulfillment.execution.OutsideRemedies;
import com.goodwill.fulfillment.execution.PaymentProvider;
import com.goodwill.fulfillment.execution.RemedyOutcome;
import com.goodwill.fulfillment.execution.Warehouse;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.ProviderCall;
import com.goodwill.kit.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final CrashPoint crashPoint;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public CommandExecutions(StepRecorder steps, InternalRemedies internal, PaymentProvider payments, Warehouse warehouse,
                             ExecutionPool pool, CrashPoint crashPoint, TransactionSynchronizationRegistry transactions,
                             Clock clock) {
        this.steps = steps;
        this.internal = internal;
        this.outside = new OutsideRemedies(payments, warehouse);
        this.pool = pool;
        this.crashPoint = crashPoint;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A command from Kafka, in the consumer's transaction. A command seen before (same id or key) changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(EventEnvelope cause, CompensationRequested command) {
        if (CommandEntity.findById(command.commandId()) != null
                || CommandEntity.count("idempotencyKey", command.idempotencyKey()) > 0) {
            LOG.infof("Command %s was received before; nothing is executed again", command.commandId());
            return;
        }
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
        row.persist();
        steps.record(row, command, FulfilmentStatus.RECEIVED, command.instrument(), command.amount(), null, "received");
        start(row, command, ExecutionPlan.of(command), "executing " + command.instrument());
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
        unfinished.forEach(id -> pool.submit(id, this::run));
    }

    private void start(CommandEntity row, CompensationRequested command, ExecutionPlan plan, String detail) {
        steps.record(row, command, FulfilmentStatus.EXECUTING, command.instrument(), command.amount(), null, detail);
        ExecutionPlan.Step first = plan.step(resumeIndex(row, plan));
        if (!Instruments.needsOutsideSystem(first.remedy().instrument())) {
            finishInternally(row, command, first, List.of());
            return;
        }
        journal(row, first);
        String commandId = row.commandId;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    pool.submit(commandId, CommandExecutions.this::run);
                }
            }
        });
    }

    /** Runs a command's outside calls from its journaled remedy on; no transaction is open during a call. */
    void run(String commandId) {
        record Snapshot(CompensationRequested command, ExecutionPlan plan, int attempt, int from) {
        }
        Snapshot snapshot = QuarkusTransaction.requiringNew().call(() -> {
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
                inTransaction(commandId, snapshot.attempt(), row -> finishInternally(row, snapshot.command(), step, unavailable));
                return;
            }
            inTransaction(commandId, snapshot.attempt(), row -> journal(row, step));
            RemedyOutcome outcome;
            try {
                outcome = outside.execute(snapshot.command().orderId(), snapshot.command().customerId(), step.remedy(),
                        step.idempotencyKey());
            } catch (RuntimeException e) {
                String reason = step.remedy().instrument() + " failed: " + reason(e);
                inTransaction(commandId, snapshot.attempt(), row -> steps.record(row, snapshot.command(),
                        FulfilmentStatus.FAILED, step.remedy().instrument(), step.remedy().amount(), null,
                        prefix(unavailable) + reason));
                return;
            }
            if (outcome instanceof RemedyOutcome.Executed executed) {
                crashPoint.reached(CrashPoint.AFTER_PROVIDER_ACCEPTED, commandId);
                inTransaction(commandId, snapshot.attempt(), row -> {
                    resolve(row, step, ProviderCall.Status.CONFIRMED, executed.reference(), executed.detail());
                    finish(row, snapshot.command(), step, executed, unavailable);
                });
                return;
            }
            String why = step.remedy().instrument() + ": " + ((RemedyOutcome.Unavailable) outcome).reason();
            unavailable.add(why);
            inTransaction(commandId, snapshot.attempt(), row -> resolve(row, step, ProviderCall.Status.UNAVAILABLE, null, why));
        }
        inTransaction(commandId, snapshot.attempt(), row -> steps.record(row, snapshot.command(), FulfilmentStatus.FAILED,
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

    /** Journals the intent to call (or to call again) before the call is made. */
    private void journal(CommandEntity row, ExecutionPlan.Step step) {
        ProviderCall call = ProviderCall.findById(new ProviderCall.Key(row.commandId, step.index()));
        Instant now = clock.instant();
        if (call == null) {
            call = new ProviderCall();
            call.commandId = row.commandId;
            call.remedyIndex = step.index();
            call.callKey = step.idempotencyKey();
            call.instrument = step.remedy().instrument();
            call.amountMinor = step.remedy().amount() == null ? 0 : step.remedy().amount().amountMinor();
            call.currency = step.remedy().amount() == null ? row.currency : step.remedy().amount().currency();
            call.status = ProviderCall.Status.INTENDED;
            call.intendedAt = now;
            call.persist();
        } else if (call.status == ProviderCall.Status.UNAVAILABLE) {
            // Tried again (an operator's retry): stock may have arrived since.
            call.status = ProviderCall.Status.INTENDED;
            call.intendedAt = now;
            call.resolvedAt = null;
        }
    }

    private void resolve(CommandEntity row, ExecutionPlan.Step step, ProviderCall.Status status, String reference,
                         String detail) {
        ProviderCall call = ProviderCall.findById(new ProviderCall.Key(row.commandId, step.index()));
        call.status = status;
        call.reference = reference;
        call.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        call.resolvedAt = clock.instant();
    }

    /** Where an execution starts or resumes: the last journaled remedy still open, else the plan's first. */
    private static int resumeIndex(CommandEntity row, ExecutionPlan plan) {
        int first = plan.steps().get(0).index();
        List<ProviderCall> open = ProviderCall.list("commandId = ?1 and status = ?2 and remedyIndex >= ?3 order by remedyIndex desc",
                row.commandId, ProviderCall.Status.INTENDED, first);
        return open.isEmpty() ? first : open.get(0).remedyIndex;
    }

    private static ExecutionPlan plan(CommandEntity row, CompensationRequested command) {
        return ExecutionPlan.of(command);
    }

    /** Runs the change in a transaction of its own, if the command is still in the execution that started it. */
    private void inTransaction(String commandId, int attempt, java.util.function.Consumer<CommandEntity> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            CommandEntity row = CommandEntity.findById(commandId, LockModeType.PESSIMISTIC_WRITE);
            if (row.status != FulfilmentStatus.EXECUTING || row.attempt != attempt) {
                LOG.warnf("Command %s moved on (%s, attempt %d) while attempt %d ran; its result is not recorded twice",
                        commandId, row.status, row.attempt, attempt);
                return;
            }
            change.accept(row);
        });
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
