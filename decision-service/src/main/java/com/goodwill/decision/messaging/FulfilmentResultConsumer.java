package com.goodwill.decision.messaging;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.service.DecisionRecords;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Settles budget reservations from fulfilment-service's results: a command that succeeded consumes what it executed,
 * one fulfilled by a fallback consumes what the fallback cost, a failed one gives its share back. Steps on the way
 * (received, executing) and the other events of the topic (customer notified, entitlement granted) move no money.
 */
@ApplicationScoped
public class FulfilmentResultConsumer {

    static final String CONSUMER = "decision-service.fulfilment-results";
    private static final Logger LOG = Logger.getLogger(FulfilmentResultConsumer.class);

    private final ProcessedEventLog processedEvents;
    private final BudgetLedger budgets;
    private final DecisionRecords decisions;

    public FulfilmentResultConsumer(ProcessedEventLog processedEvents, BudgetLedger budgets, DecisionRecords decisions) {
        this.processedEvents = processedEvents;
        this.budgets = budgets;
        this.decisions = decisions;
    }

    @Incoming("fulfilment-results")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, this::settle);
    }

    private void settle(EventEnvelope envelope) {
        switch (envelope.type()) {
            case EventTypes.FULFILMENT_RECORDED -> settle(envelope, EventCodec.dataAs(envelope, FulfilmentRecorded.class));
            case EventTypes.CUSTOMER_NOTIFIED, EventTypes.ENTITLEMENT_GRANTED ->
                    LOG.debugf("%s %s moves no budget", envelope.type(), envelope.id());
            // A type this version does not know yet: subscribers tolerate new types (see the contracts' README).
            default -> LOG.warnf("Event %s of unknown type %s on the fulfilment results topic is skipped",
                    envelope.id(), envelope.type());
        }
    }

    private void settle(EventEnvelope envelope, FulfilmentRecorded result) {
        if (result.status() == null || result.commandId() == null || result.commandId().isBlank()) {
            throw new MalformedEventException("fulfilment result " + envelope.id() + " needs status and commandId");
        }
        if (result.decisionId() == null || result.decisionId().isBlank()) {
            LOG.warnf("Fulfilment result %s of command %s names no decision; no budget to settle",
                    envelope.id(), result.commandId());
            return;
        }
        if (decisions.isStatutoryCommand(result.decisionId(), result.commandId())) {
            LOG.debugf("Command %s executes a statutory duty; it draws on no budget", result.commandId());
            return;
        }
        switch (result.status()) {
            case SUCCEEDED, FULFILLED_BY_FALLBACK -> budgets.consume(result.decisionId(), result.commandId(), executed(envelope, result));
            case FAILED -> budgets.releaseCommand(result.decisionId(), result.commandId());
            case RECEIVED, EXECUTING -> LOG.debugf("Command %s is %s; nothing to settle yet", result.commandId(), result.status());
        }
    }

    private static long executed(EventEnvelope envelope, FulfilmentRecorded result) {
        if (result.amount() == null || result.amount().amountMinor() == null || result.amount().amountMinor() < 0) {
            throw new MalformedEventException("fulfilment result " + envelope.id() + " of command " + result.commandId()
                    + " is " + result.status() + " without a non-negative amount executed");
        }
        return result.amount().amountMinor();
    }
}
