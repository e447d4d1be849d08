package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.incident.IncidentClass;

import java.time.Instant;
import java.util.List;

/**
 * What was decided for an incident: COMPENSATE, NO_COMPENSATION (with its reason code) or PENDING_APPROVAL (with the
 * role that must approve and the review's due time; a {@code decision.reviewed} follows).
 *
 * @param remedies what is granted; for PENDING_APPROVAL what is proposed; empty for NO_COMPENSATION
 * @param tier     the approval tier, e.g. AUTO, SUPERVISOR, MANAGER
 * @param statutory true when the remedy is a legal duty (warranty, withdrawal), not goodwill
 */
public record PublicDecision(
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        DecisionOutcome outcome,
        List<PublicRemedy> remedies,
        String tier,
        String policyVersion,
        String reasonCode,
        String costCentre,
        String requiredRole,
        Instant reviewDueAt,
        boolean statutory,
        IncidentClass incidentClass,
        String market,
        String channel,
        String segment,
        Instant decidedAt) {
}
