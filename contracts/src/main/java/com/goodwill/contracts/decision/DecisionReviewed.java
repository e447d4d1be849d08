package com.goodwill.contracts.decision;

import java.time.Instant;
import java.util.List;

/**
 * A decision pending approval was approved, adjusted, rejected, escalated or settled by its fallback. Published by
 * decision-service on the decisions topic, keyed by order id.
 *
 * @param actor       who did it: a person's user id, or {@code decision-service} for the review timer
 * @param role        the role the actor acted in (e.g. supervisor, goodwill-manager)
 * @param note        the case note or reason; mandatory for ADJUSTED and REJECTED
 * @param remedies    what is granted after this action (empty for REJECTED and ESCALATED)
 * @param escalatedTo the role the decision now waits for, for ESCALATED
 */
public record DecisionReviewed(
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        ReviewAction action,
        String actor,
        String role,
        String note,
        List<Remedy> remedies,
        String escalatedTo,
        Instant reviewedAt) {
}
