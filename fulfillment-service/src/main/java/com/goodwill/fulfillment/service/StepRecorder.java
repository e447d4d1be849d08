package com.goodwill.fulfillment.service;

import com.goodwill.fulfillment.metrics.CompensationMetrics;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.CommandRows;
import com.goodwill.fulfillment.persistence.CommandStep;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where a command's step is recorded: the command's state changes, the step is written, its
 * {@link FulfilmentRecorded} event goes into the outbox (fulfilment results topic, keyed by order id), and a
 * {@link FulfilmentStep} is fired for observers (the customer's messages), all in the caller's transaction. The steps of
 * many commands can be recorded {@link #together} in one transaction (their events then go out in one statement).
 */
@ApplicationScoped
public class StepRecorder {

    public static final String SOURCE = "/goodwill/fulfillment-service";
    private static final Logger LOG = Logger.getLogger(StepRecorder.class);
    private static final Set<FulfilmentStatus> FINAL = EnumSet.of(FulfilmentStatus.SUCCEEDED, FulfilmentStatus.FAILED,
            FulfilmentStatus.FULFILLED_BY_FALLBACK);
    private static final int DETAIL_LIMIT = 500;
    /** Key of the transaction's collected events while {@link #together} runs. */
    private static final Object COLLECTED = StepRecorder.class.getName() + ".collected";

    private final Outbox outbox;
    private final Clock clock;
    private final Event<FulfilmentStep> steps;
    private final CompensationMetrics metrics;
    private final TransactionSynchronizationRegistry transactions;

    private final Event<FulfilmentBatch> batches;
    private final CommandRows commandRows;

    public StepRecorder(Outbox outbox, Clock clock, Event<FulfilmentStep> steps, Event<FulfilmentBatch> batches,
                        CompensationMetrics metrics, TransactionSynchronizationRegistry transactions,
                        CommandRows commandRows) {
        this.batches = batches;
        this.commandRows = commandRows;
        this.outbox = outbox;
        this.clock = clock;
        this.steps = steps;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /**
     * Runs {@code work}, which records the steps of many commands in the caller's transaction, and publishes their
     * events into the outbox in one statement at its end (in the order recorded, each with the trace current when its
     * step was recorded) instead of one insert per step. The step rows are inserted at its end too, in one statement
     * ({@link CommandRows#insertSteps}, not flushed entities): the commands' rows must be in the database by then
     * (locked there, or inserted by the work with {@link CommandRows#insertAll}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void together(List<CommandEntity> rows, Runnable work) {
        if (transactions.getResource(COLLECTED) != null) {
            work.run();
            return;
        }
        Collected collected = new Collected();
        transactions.putResource(COLLECTED, collected);
        try {
            batches.fire(new FulfilmentBatch(FulfilmentBatch.Phase.OPENING, rows));
            work.run();
            batches.fire(new FulfilmentBatch(FulfilmentBatch.Phase.CLOSING, rows));
        } finally {
            transactions.putResource(COLLECTED, null);
        }
        // The step rows are inserted last, so that a command row the work inserted after recording its first steps
        // (written once, in its state after them: CommandExecutions.receiveAll) is there before its steps.
        commandRows.insertSteps(collected.steps);
        outbox.publishAll(collected.events);
    }

    /** What {@link #together} collects: the steps' rows and their events. */
    private static final class Collected {
        private final List<CommandStep> steps = new ArrayList<>();
        private final List<Outbox.Pending> events = new ArrayList<>();
    }

    /**
     * @param instrument what this step is about: the command's instrument, or what was executed instead (fallback)
     * @param amount     for a final step, what was executed (budget settlement consumes it); else the command's amount
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FulfilmentStep record(CommandEntity row, CompensationRequested command, FulfilmentStatus status,
                                 Instrument instrument, Money amount, String reference, String detail) {
        Instant now = clock.instant();
        String shortDetail = detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT - 1) + "…";
        row.status = status;
        row.detail = shortDetail;
        row.updatedAt = now;
        if (FINAL.contains(status)) {
            row.reference = reference;
            row.completedAt = now;
            if (status != FulfilmentStatus.FAILED) {
                row.executedInstrument = instrument;
                row.executedAmountMinor = amount.amountMinor();
            }
        }
        int seq = ++row.stepCount;
        CommandStep step = new CommandStep();
        step.commandId = row.commandId;
        step.seq = seq;
        step.status = status;
        step.instrument = instrument;
        step.reference = reference;
        step.detail = shortDetail;
        step.recordedAt = now;
        Collected collected = (Collected) transactions.getResource(COLLECTED);
        if (collected != null) {
            collected.steps.add(step);
        } else {
            step.persist();
        }

        FulfilmentRecorded recorded = new FulfilmentRecorded(row.commandId, row.decisionId, row.incidentId, row.orderId,
                row.customerId, instrument, amount, status, reference, shortDetail, now);
        String eventId = DerivedId.of("fulfilment", row.commandId, Integer.toString(seq));
        EventEnvelope event = EventCodec.wrap(eventId, EventTypes.FULFILMENT_RECORDED, SOURCE, row.orderId, now,
                row.incidentId, row.causeEventId, recorded);
        if (collected != null) {
            collected.events.add(new Outbox.Pending(Topics.FULFILMENT_RESULTS, event));
        } else {
            outbox.publish(Topics.FULFILMENT_RESULTS, event);
        }
        metrics.recorded(instrument, status);
        LOG.debugf("Command %s step %d: %s %s", row.commandId, seq, status, instrument);
        if (status == FulfilmentStatus.FAILED || status == FulfilmentStatus.FULFILLED_BY_FALLBACK) {
            LOG.infof("Command %s (%s %d %s) %s: %s", row.commandId, row.instrument, row.amountMinor, row.currency,
                    status, shortDetail);
        } else if (status == FulfilmentStatus.SUCCEEDED) {
            // The common outcome, thousands a second at peak: its step, event and REST view say it; the log only asked.
            LOG.debugf("Command %s (%s %d %s) %s: %s", row.commandId, row.instrument, row.amountMinor, row.currency,
                    status, shortDetail);
        }
        FulfilmentStep fired = new FulfilmentStep(command, row, seq, eventId, recorded);
        steps.fire(fired);
        return fired;
    }
}
