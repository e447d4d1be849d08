package com.goodwill.contracts.decision;

import com.goodwill.contracts.Money;

import java.time.Instant;
import java.util.List;

/**
 * What was decided for an incident and why. "No compensation" and "pending approval" are decisions too.
 *
 * @param remedies          what is granted (for PENDING_APPROVAL: what is proposed)
 * @param tier              the approval tier, e.g. AUTO, SUPERVISOR, MANAGER
 * @param narrative         one sentence a person can read
 * @param alternatives      remedies the customer may choose instead, with their price tags; empty when there is no choice
 * @param requiredRole      for PENDING_APPROVAL: the role that must approve
 * @param reviewDueAt       for PENDING_APPROVAL: when the review time limit runs out
 * @param facts             the case the decision was made on
 * @param segment           the customer segment of the policy the customer fell in
 * @param risk              the abuse-risk score and its factors
 * @param experiment        the experiment the customer took part in, if any
 * @param arm               the experiment arm the customer was assigned (deterministically)
 * @param budgetId          the goodwill budget the amount was reserved on; null for statutory duties and no-cost remedies
 * @param statutory         true when the remedy is a legal duty (warranty, withdrawal), not goodwill
 * @param previouslyGranted goodwill already granted for this incident before (an escalation tops up the difference)
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
        Instant decidedAt,
        List<Remedy> alternatives,
        String requiredRole,
        Instant reviewDueAt,
        CaseFacts facts,
        String segment,
        RiskAssessment risk,
        String experiment,
        String arm,
        String budgetId,
        boolean statutory,
        Money previouslyGranted) {

    /** The first shape of the decision, before playbooks: no alternatives, facts, segment, risk or experiment. */
    public DecisionMade(String decisionId, String incidentId, String orderId, String customerId, DecisionOutcome outcome,
                        List<Remedy> remedies, String tier, String policyVersion, String reasonCode, String costCentre,
                        String owner, String narrative, Instant decidedAt) {
        this(decisionId, incidentId, orderId, customerId, outcome, remedies, tier, policyVersion, reasonCode, costCentre,
                owner, narrative, decidedAt, List.of(), null, null, null, null, null, null, null, null, false, null);
    }
}
