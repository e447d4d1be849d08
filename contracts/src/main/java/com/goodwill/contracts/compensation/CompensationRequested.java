package com.goodwill.contracts.compensation;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

import java.time.Instant;

/**
 * A command to execute one instrument of a decision. {@code idempotencyKey} is derived from the
 * decision and instrument; every payment-like call carries it, so no retry ever pays twice.
 */
public record CompensationRequested(
        String commandId,
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        Instrument instrument,
        Money amount,
        String idempotencyKey,
        Instant requestedAt) {
}
