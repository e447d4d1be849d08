package com.goodwill.contracts.compensation;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

import java.time.Instant;

/**
 * One step of a command's execution.
 *
 * @param reference the executor's reference for what it did (credit entry id, refund id, voucher code, ...)
 */
public record FulfilmentRecorded(
        String commandId,
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        Instrument instrument,
        Money amount,
        FulfilmentStatus status,
        String reference,
        String detail,
        Instant recordedAt) {
}
