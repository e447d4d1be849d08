package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

import java.time.Instant;

/**
 * A compensation command was executed: the customer got the remedy.
 *
 * @param instrument what was executed; for a fallback, as fulfillment-service reports it
 * @param byFallback true when the command's own instrument could not be executed and its fallback was
 */
public record PublicCompensationExecuted(
        String commandId,
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        Instrument instrument,
        Money amount,
        boolean byFallback,
        Instant executedAt) {
}
