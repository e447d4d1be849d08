package com.goodwill.contracts.compensation;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;

import java.time.Instant;
import java.util.List;

/**
 * A command to execute one instrument of a decision. {@code idempotencyKey} is derived from the
 * decision and instrument; every payment-like call carries it, so no retry ever pays twice.
 *
 * @param validForDays    expiry of a store credit, voucher or entitlement; null for none
 * @param memoryAnchor    the small unexpected extra on top of the remedy
 * @param fallbacks       what to execute instead, in order, when this instrument cannot be (e.g. replacement out of stock)
 * @param alternatives    remedies the customer may choose instead of this one, with their price tags
 * @param facts           the case, for the customer's message
 * @param messageTemplate the policy's template id for the customer's message; null for the default of the instrument
 * @param statutory       a legal duty (warranty, withdrawal), not goodwill
 * @param choiceUntil     until when the customer may choose one of the {@code alternatives} instead; the remedy waits
 *                        for the choice until then. Null: no choice is offered, the remedy executes at once
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
        Instant requestedAt,
        Integer validForDays,
        boolean memoryAnchor,
        List<Remedy> fallbacks,
        List<Remedy> alternatives,
        CaseFacts facts,
        String policyVersion,
        String reasonCode,
        String messageTemplate,
        boolean statutory,
        Instant choiceUntil) {

    /** A command without a customer's choice (no alternatives, or the policy gives no time to choose). */
    public CompensationRequested(String commandId, String decisionId, String incidentId, String orderId, String customerId,
                                 Instrument instrument, Money amount, String idempotencyKey, Instant requestedAt,
                                 Integer validForDays, boolean memoryAnchor, List<Remedy> fallbacks,
                                 List<Remedy> alternatives, CaseFacts facts, String policyVersion, String reasonCode,
                                 String messageTemplate, boolean statutory) {
        this(commandId, decisionId, incidentId, orderId, customerId, instrument, amount, idempotencyKey, requestedAt,
                validForDays, memoryAnchor, fallbacks, alternatives, facts, policyVersion, reasonCode, messageTemplate,
                statutory, null);
    }

    /** Whether the customer may still choose an alternative at {@code now}: one is offered and the time is not up. */
    public boolean choiceOpenAt(Instant now) {
        return choiceUntil != null && alternatives != null && !alternatives.isEmpty() && now.isBefore(choiceUntil);
    }

    /** The first shape of the command: one instrument, no fallbacks, alternatives or case facts. */
    public CompensationRequested(String commandId, String decisionId, String incidentId, String orderId, String customerId,
                                 Instrument instrument, Money amount, String idempotencyKey, Instant requestedAt) {
        this(commandId, decisionId, incidentId, orderId, customerId, instrument, amount, idempotencyKey, requestedAt,
                null, false, List.of(), List.of(), null, null, null, null, false, null);
    }
}
