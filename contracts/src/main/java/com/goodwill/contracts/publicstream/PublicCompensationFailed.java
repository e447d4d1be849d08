package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

import java.time.Instant;

/** A compensation command could not be executed; the customer did not get this remedy. */
public record PublicCompensationFailed(
        String commandId,
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        Instrument instrument,
        Money amount,
        Instant failedAt) {
}
