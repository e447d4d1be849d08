package com.goodwill.contracts.decision;

import java.time.Instant;
import java.util.List;

/**
 * What was decided for an incident and why. "No compensation" and "pending approval" are decisions too.
 *
 * @param narrative one sentence a person can read
 */
public record DecisionMade(
        String decisionId,
        String incidentId,
        String orderId,
        String customerId,
        DecisionOutcome outcome,
        List<Remedy> remedies,
        String tier,
        String policyVersion,
        String reasonCode,
        String costCentre,
        String owner,
        String narrative,
        Instant decidedAt) {
}
