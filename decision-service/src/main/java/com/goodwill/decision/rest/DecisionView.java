package com.goodwill.decision.rest;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.Reservation;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionReviewEntity;
import com.goodwill.decision.policy.GoodwillDecision.Grant;
import com.goodwill.decision.service.DecisionRecords;

import java.time.Instant;
import java.util.List;

/**
 * A decision with everything it was made on and what happened to it since: the remedies granted now (after any
 * review), their fallbacks and message templates, the alternatives with price tags, why it was reviewed, the risk
 * factors, the budget, and each review action in order.
 *
 * @param instrument  the main instrument granted now; {@code amountMinor} everything granted, duties included
 * @param reviewState NONE (never needed review), PENDING, APPROVED, ADJUSTED, REJECTED, FALLBACK_APPLIED, SUPERSEDED
 * @param goodwill    goodwill granted (or, pending, proposed) now: the price tag finance books, duties excluded
 * @param choiceHours how long the customer may choose one of the alternatives, from the command; null without any
 * @param budgetReservation what the decision holds on its budget and what became of it (it holds the dearest choice
 *                    the customer may take); only in the view of one decision, null in lists and without a budget
 */
public record DecisionView(String decisionId, String incidentId, int incidentRevision, String orderId, String customerId,
                           String market, String channel, String outcome, String instrument, Long amountMinor,
                           String currency, Money goodwill, String tier, String policyVersion, String reasonCode,
                           String narrative, Instant decidedAt, String costCentre, String owner, String reviewState,
                           String requiredRole, Instant pendingSince, Instant reviewDueAt, List<Remedy> remedies,
                           List<Grant> grants, List<Remedy> alternatives, Integer choiceHours,
                           List<Remedy> timeoutFallback,
                           List<String> reviewReasons, String segment, Long clvMinor, RiskAssessment risk,
                           String experiment, String arm, String budgetId, String budgetOwner, boolean budgetOverrun,
                           Reservation budgetReservation, boolean statutory, Money previouslyGranted, CaseFacts facts, List<Review> reviews) {

    public record Review(ReviewAction action, String actor, String role, String note, List<Remedy> remedies,
                         String escalatedTo, Instant reviewedAt) {
    }

    /** The decision in a list: without its reviews and reservation. */
    static DecisionView of(DecisionEntity d) {
        return of(d, false, null);
    }

    /** The decision in full: with its reviews and what it holds on its budget. */
    static DecisionView of(DecisionEntity d, BudgetLedger budgets) {
        return of(d, true, d.budgetId == null ? null : budgets.reservation(d.decisionId).orElse(null));
    }

    private static DecisionView of(DecisionEntity d, boolean withReviews, Reservation reservation) {
        List<Grant> grants = DecisionRecords.grants(d.grantsJson);
        List<Review> reviews = !withReviews ? List.of() : DecisionReviewEntity.of(d.decisionId).stream()
                .map(r -> new Review(r.action, r.actor, r.role, r.note, DecisionRecords.remedies(r.remediesJson),
                        r.escalatedTo, r.reviewedAt)).toList();
        return new DecisionView(d.decisionId, d.incidentId, d.incidentRevision, d.orderId, d.customerId, d.market, d.channel,
                d.outcome.name(), d.instrument == null ? null : d.instrument.name(), d.amountMinor, d.currency,
                Money.of(d.goodwillMinor, d.currency), d.tier, d.policyVersion, d.reasonCode, d.narrative, d.decidedAt,
                d.costCentre, d.owner, d.reviewState.name(), d.requiredRole, d.pendingSince, d.reviewDueAt,
                grants.stream().map(Grant::remedy).toList(), grants, DecisionRecords.remedies(d.alternativesJson),
                d.choiceHours,
                DecisionRecords.grants(d.timeoutFallbackJson).stream().map(Grant::remedy).toList(),
                DecisionRecords.strings(d.reviewReasonsJson), d.segment, d.clvMinor, DecisionRecords.risk(d), d.experiment,
                d.arm, d.budgetId, d.budgetOwner, d.budgetOverrun, reservation, d.statutory,
                d.previouslyGrantedMinor == null ? null : Money.of(d.previouslyGrantedMinor, d.currency),
                DecisionRecords.facts(d), reviews);
    }
}
