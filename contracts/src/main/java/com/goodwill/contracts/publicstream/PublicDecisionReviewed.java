package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.decision.ReviewAction;

import java.time.Instant;
import java.util.List;

/**
 * A decision pending approval was approved, adjusted, rejected, escalated, superseded or settled by its fallback.
 * Who acted and the note stay inside the platform; the role acted in is public.
 *
 * @param remedies    what is granted after this action (empty for REJECTED and ESCALATED)
 * @param escalatedTo the role the decision now waits for, for ESCALATED
 */
public record PublicDecisionReviewed(
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        ReviewAction action,
        String role,
        List<PublicRemedy> remedies,
        String escalatedTo,
        Instant reviewedAt) {
}
