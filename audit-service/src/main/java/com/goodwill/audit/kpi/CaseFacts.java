package com.goodwill.audit.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the ledger says about one case (one incident opened): where it happened, how it was decided, what was paid
 * and what followed.
 *
 * @param currency             the order's currency; null when the incident has no order context
 * @param reasonCode           the reason code of the incident's latest decision; null when nothing was decided
 * @param resolvedAt           the first succeeded fulfilment for the incident; null while none succeeded
 * @param decidedAutomatically at least one decision, and every decision for the incident had tier {@code AUTO} and
 *                             did not wait for an approval: no person was involved
 * @param paidMinor            succeeded fulfilments' amounts per currency, each command counted once
 * @param reopened             another incident was opened on the same order after this one was compensated
 * @param repurchased          the customer placed another order within the repurchase period after the compensation
 */
public record CaseFacts(String incidentId, String orderId, String customerId, String carrier, String market,
                        String channel, String currency, String reasonCode, Instant openedAt, Instant resolvedAt,
                        boolean decidedAutomatically, Map<String, Long> paidMinor, boolean reopened,
                        boolean repurchased) {

    public CaseFacts {
        paidMinor = paidMinor == null ? Map.of() : Map.copyOf(paidMinor);
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** Resolved without a human step: decided automatically and the compensation succeeded. */
    public boolean automated() {
        return resolved() && decidedAutomatically;
    }

    /** Opened to first succeeded compensation; never negative (event times of two services may disagree slightly). */
    public Duration timeToResolution() {
        if (resolvedAt == null) {
            return null;
        }
        Duration elapsed = Duration.between(openedAt, resolvedAt);
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
