package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.RiskAssessment;

import java.time.Duration;
import java.util.List;

/**
 * What the policy decided for one incident, with everything the decision event, its commands, the approval queue and
 * a person asking "why" need. Plain data: the service stores and announces it.
 *
 * @param grants          what is granted (PENDING_APPROVAL: proposed); a statutory duty's grant is executed even
 *                        while the goodwill waits for approval
 * @param choiceHours     how long the customer may choose one of the {@code alternatives}; null when none is offered
 * @param requiredRole    PENDING_APPROVAL: the role that must approve
 * @param reviewWithin    PENDING_APPROVAL: the time limit from now
 * @param onTimeout       PENDING_APPROVAL: what the timer does when the limit passes
 * @param escalateTo      for ESCALATE: the role the decision then waits for
 * @param timeoutFallback what is granted instead if the review runs out and the policy applies its fallback
 * @param budget          the reservation to make; null when nothing is drawn from a budget
 * @param previouslyGranted goodwill granted for the incident before (a top-up grants only the difference)
 * @param reviewReasons   why a person must look, in words; empty for AUTO
 */
public record GoodwillDecision(
        DecisionOutcome outcome,
        List<Grant> grants,
        List<Remedy> alternatives,
        Integer choiceHours,
        Tier tier,
        String requiredRole,
        Duration reviewWithin,
        Approvals.OnTimeout onTimeout,
        String escalateTo,
        List<Grant> timeoutFallback,
        String reasonCode,
        String narrative,
        String costCentre,
        String owner,
        String segment,
        long clvMinor,
        RiskAssessment risk,
        String experiment,
        String arm,
        BudgetClaim budget,
        boolean statutory,
        Money previouslyGranted,
        CaseFacts facts,
        List<String> reviewReasons,
        String candidateId) {

    public GoodwillDecision {
        grants = List.copyOf(grants);
        alternatives = List.copyOf(alternatives);
        timeoutFallback = List.copyOf(timeoutFallback);
        reviewReasons = List.copyOf(reviewReasons);
    }

    /** One instrument to execute, with its fallback chain and the message the customer gets. */
    public record Grant(Remedy remedy, List<Remedy> fallbacks, String messageTemplate, boolean statutory) {

        public Grant {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    /**
     * The budget a decision draws on and what it reserves there.
     *
     * @param limitMinor the limit the policy gives the budget now (base plus the revenue share)
     * @param overrun    a person approved (or must approve) spending beyond the budget
     */
    public record BudgetClaim(String budgetId, String owner, String currency, long limitMinor, long amountMinor,
                              boolean overrun) {
    }

    public List<Remedy> remedies() {
        return grants.stream().map(Grant::remedy).toList();
    }

    /**
     * What a decision's budget reservation holds: its goodwill, with the remedy the customer may swap (the first
     * goodwill grant that is not the small extra) counted at the dearest of itself and the alternatives.
     */
    public static long reservedMinor(List<Grant> grants, List<Remedy> alternatives) {
        long total = 0;
        boolean choosable = !alternatives.isEmpty();
        for (Grant grant : grants) {
            if (grant.statutory()) {
                continue;
            }
            long amount = grant.remedy().amount().amountMinor();
            if (choosable && !grant.remedy().memoryAnchor()) {
                amount = Math.max(amount, dearest(alternatives));
                choosable = false;
            }
            total += amount;
        }
        return total;
    }

    /** The highest price tag among the alternatives; 0 when there are none. */
    public static long dearest(List<Remedy> alternatives) {
        return alternatives.stream().mapToLong(r -> r.amount().amountMinor()).max().orElse(0);
    }

    /** Goodwill granted by this decision, in minor units: statutory duties are not goodwill. */
    public long goodwillMinor() {
        return grants.stream().filter(g -> !g.statutory()).mapToLong(g -> g.remedy().amount().amountMinor()).sum();
    }
}
