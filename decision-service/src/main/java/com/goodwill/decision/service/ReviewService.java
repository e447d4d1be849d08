package com.goodwill.decision.service;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.persistence.CustomerProfiles;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionEntity.ReviewState;
import com.goodwill.decision.policy.Approvals;
import com.goodwill.decision.policy.GoodwillDecision;
import com.goodwill.decision.policy.GoodwillDecision.Grant;
import com.goodwill.decision.policy.MarketRules;
import com.goodwill.decision.policy.PolicyDocument;
import com.goodwill.decision.policy.Tier;
import com.goodwill.kit.problem.Problem;
import com.goodwill.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happens to a decision pending approval: a person approves, adjusts (instrument, amount, with a note) or rejects
 * it (with a reason), or its time limit passes and the review timer escalates it to the next role or applies the
 * policy's fallback. Each action is stored, announced as {@code com.goodwill.decision.reviewed.v1} with who did it, and
 * (approve, adjust, fallback) releases the compensation commands; the budget reservation follows the amount.
 * Who may act is the policy's: a role acts on decisions waiting for it or for a role below it.
 */
@ApplicationScoped
public class ReviewService {

    /** The actor of what the review timer does. */
    public static final String TIMER_ACTOR = "decision-service";
    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final Clock clock;
    private final PolicyService policies;
    private final BudgetLedger budgets;
    private final DecisionRecords records;
    private final EntityManager entityManager;
    private final CustomerProfiles claims;

    public ReviewService(Clock clock, PolicyService policies, BudgetLedger budgets, DecisionRecords records,
                         EntityManager entityManager, CustomerProfiles claims) {
        this.clock = clock;
        this.policies = policies;
        this.budgets = budgets;
        this.records = records;
        this.entityManager = entityManager;
        this.claims = claims;
    }

    @Transactional
    public DecisionEntity approve(String decisionId, String actor, String role, String note) {
        DecisionEntity d = pending(decisionId);
        Approvals approvals = approvalsOf(d);
        requireAuthority(approvals, role, d.requiredRole);
        requireCaseNote(approvals, d.requiredRole, note);
        List<Grant> grants = DecisionRecords.grants(d.grantsJson);
        if (d.budgetId != null && d.goodwillMinor > 0 && d.budgetOverrun) {
            // The approver accepts spending beyond the exhausted budget: the limit is stretched for this decision only.
            // What is approved includes the customer's choice, which the reservation holds as the engine made it.
            long approved = GoodwillDecision.reservedMinor(grants, DecisionRecords.remedies(d.alternativesJson));
            long used = budgets.standing(d.budgetId).map(s -> s.reservedMinor() + s.consumedMinor()).orElse(0L);
            if (!budgets.adjust(d.decisionId, approved, Math.max(d.budgetLimitMinor, used + approved))) {
                throw new ProblemException(409, "Budget refused", "Budget " + d.budgetId + " refused the approved amount",
                        List.of());
            }
        }
        settle(d, ReviewState.APPROVED, ReviewAction.APPROVED, actor, role, blankToNull(note), grants);
        return d;
    }

    @Transactional
    public DecisionEntity adjust(String decisionId, String actor, String role, String note, Instrument instrument,
                                 Money amount) {
        DecisionEntity d = pending(decisionId);
        Approvals approvals = approvalsOf(d);
        requireAuthority(approvals, role, d.requiredRole);
        if (note == null || note.isBlank()) {
            throw ProblemException.badRequest("note", "is required: say why the remedy is adjusted");
        }
        long minor = amount == null ? 0 : amount.amountMinor();
        if (amount == null && instrument != Instrument.APOLOGY) {
            throw ProblemException.badRequest("amount", "is required for " + instrument);
        }
        if (amount != null && !d.currency.equals(amount.currency())) {
            throw ProblemException.badRequest("amount.currency", "must be the order's currency " + d.currency);
        }
        if (instrument == Instrument.APOLOGY && minor != 0) {
            throw ProblemException.badRequest("amount.amountMinor", "must be 0 for an apology");
        }
        // A reviewer grants only what their own role may: a supervisor cannot raise a remedy into the manager's tier.
        PolicyDocument document = documentOf(d);
        MarketRules market = document.rulesFor(d.market == null ? PolicyDocument.DEFAULT_MARKET : d.market).orElseThrow();
        Tier tier = market.tiersFor(d.currency).tierOf(minor);
        if (tier != Tier.AUTO) {
            String needed = approvals.roleFor(tier).name();
            if (!approvals.mayAct(role, needed)) {
                throw new ProblemException(403, "Not allowed", "A " + role + " may not grant " + minor + " " + d.currency
                        + ": that needs a " + needed, List.of(new Problem.FieldError("role",
                        "may not grant an amount of the " + tier + " tier (needs " + needed + ")")));
            }
        }
        if (d.budgetId != null) {
            if (minor == 0) {
                budgets.release(d.decisionId);
            } else {
                long limit = d.budgetLimitMinor;
                if (d.budgetOverrun) {
                    long used = budgets.standing(d.budgetId).map(s -> s.reservedMinor() + s.consumedMinor()).orElse(0L);
                    limit = Math.max(limit, used + minor);
                }
                if (!budgets.adjust(d.decisionId, minor, limit)) {
                    throw new ProblemException(409, "Budget exhausted", "Budget " + d.budgetId + " cannot hold " + minor
                            + " " + d.currency, List.of(new Problem.FieldError("amount", "exceeds what budget " + d.budgetId
                            + " has left")));
                }
            }
        }
        List<Grant> before = DecisionRecords.grants(d.grantsJson);
        Grant main = before.stream().filter(g -> !g.statutory() && !g.remedy().memoryAnchor()).findFirst().orElse(null);
        boolean sameInstrument = main != null && main.remedy().instrument() == instrument;
        List<Grant> grants = new ArrayList<>(before.stream().filter(Grant::statutory).toList());
        grants.add(new Grant(new Remedy(instrument, Money.of(minor, d.currency),
                sameInstrument ? main.remedy().validForDays() : null, false),
                sameInstrument ? main.fallbacks() : List.of(),
                sameInstrument ? main.messageTemplate() : document.messageTemplates().get(instrument), false));
        d.instrument = instrument;
        settle(d, ReviewState.ADJUSTED, ReviewAction.ADJUSTED, actor, role, note, grants);
        return d;
    }

    @Transactional
    public DecisionEntity reject(String decisionId, String actor, String role, String reason) {
        DecisionEntity d = pending(decisionId);
        Approvals approvals = approvalsOf(d);
        requireAuthority(approvals, role, d.requiredRole);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("reason", "is required: say why the remedy is rejected");
        }
        if (d.budgetId != null) {
            budgets.release(d.decisionId);
        }
        d.reviewState = ReviewState.REJECTED;
        d.goodwillMinor = 0;
        claims.withdrawClaim(d.decisionId);
        d.reviewDueAt = null;
        records.reviewed(d, ReviewAction.REJECTED, actor, role, reason, List.of(), null, clock.instant());
        LOG.infof("Decision %s rejected by %s (%s): %s", d.decisionId, actor, role, reason);
        return d;
    }

    /** Pending decisions past their time limit, oldest first, locked; ones another instance holds are skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<DecisionEntity> lockDue(Instant now, int limit) {
        return entityManager.createNativeQuery("select * from decision where review_state = 'PENDING' and review_due_at <= ?1 "
                        + "order by review_due_at limit ?2 for update skip locked", DecisionEntity.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    /** The time limit passed: the next role, or the policy's fallback, as the policy says for the waiting role. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expire(DecisionEntity d, Instant now) {
        Approvals approvals = approvalsOf(d);
        Approvals.Role waiting = approvals.role(d.requiredRole).orElse(null);
        long minutes = waiting == null ? 0 : waiting.reviewWithinMinutes();
        Approvals.Role next = "ESCALATE".equals(d.onTimeout) && d.escalateTo != null
                ? approvals.role(d.escalateTo).orElse(null) : null;
        if (next != null) {
            d.requiredRole = next.name();
            d.reviewDueAt = now.plus(Duration.ofMinutes(next.reviewWithinMinutes()));
            d.onTimeout = next.onTimeout().name();
            d.escalateTo = next.escalateTo();
            approvals.tiers().entrySet().stream().filter(e -> e.getValue().equals(next.name())).map(Map.Entry::getKey)
                    .findFirst().ifPresent(tier -> d.tier = tier.name());
            records.reviewed(d, ReviewAction.ESCALATED, TIMER_ACTOR, null, "not reviewed within " + minutes
                    + " minutes; escalated to " + next.name(), List.of(), next.name(), now);
            LOG.infof("Decision %s escalated to %s", d.decisionId, next.name());
            return;
        }
        List<Grant> fallback = DecisionRecords.grants(d.timeoutFallbackJson);
        long goodwill = fallback.stream().filter(g -> !g.statutory()).mapToLong(g -> g.remedy().amount().amountMinor()).sum();
        if (d.budgetId != null) {
            if (goodwill == 0) {
                budgets.release(d.decisionId);
            } else if (!budgets.adjust(d.decisionId, goodwill, d.budgetLimitMinor)) {
                // The budget cannot hold even the fallback (it was never reserved): the customer still gets an apology.
                budgets.release(d.decisionId);
                List<Grant> apology = new ArrayList<>(fallback.stream().filter(Grant::statutory).toList());
                apology.add(new Grant(new Remedy(Instrument.APOLOGY, Money.of(0, d.currency)), List.of(),
                        documentOf(d).messageTemplates().get(Instrument.APOLOGY), false));
                fallback = apology;
            }
        }
        settle(d, ReviewState.FALLBACK_APPLIED, ReviewAction.FALLBACK_APPLIED, TIMER_ACTOR, null,
                "not reviewed within " + minutes + " minutes; the policy's fallback applies", fallback);
    }

    /** Grants the remedies: stored, announced with who did it, and the goodwill commands released. */
    private void settle(DecisionEntity d, ReviewState state, ReviewAction action, String actor, String role, String note,
                        List<Grant> grants) {
        Instant now = clock.instant();
        d.reviewState = state;
        d.grantsJson = DecisionRecords.json(grants);
        d.goodwillMinor = grants.stream().filter(g -> !g.statutory()).mapToLong(g -> g.remedy().amount().amountMinor()).sum();
        d.amountMinor = grants.stream().mapToLong(g -> g.remedy().amount().amountMinor()).sum();
        d.reviewDueAt = null;
        if (action != ReviewAction.APPROVED) {
            // The policy priced its alternatives against the remedy it proposed; once a person or the timer granted
            // another one, they would let the customer undo that (an apology swapped for the credit it replaced).
            d.alternativesJson = DecisionRecords.json(List.of());
            d.choiceHours = null;
        }
        DecisionService.recordClaim(claims, d, now);
        EventEnvelope reviewed = records.reviewed(d, action, actor, role, note,
                grants.stream().map(Grant::remedy).toList(), null, now);
        // Duties were executed when the decision was made; only the goodwill waited for the review.
        records.command(d, grants.stream().filter(g -> !g.statutory()).toList(), reviewed, now);
        LOG.infof("Decision %s %s by %s (%s): %d %s goodwill", d.decisionId, action, actor, role, d.goodwillMinor, d.currency);
    }

    private DecisionEntity pending(String decisionId) {
        DecisionEntity d = DecisionEntity.locked(decisionId);
        if (d == null) {
            throw ProblemException.notFound("No decision " + decisionId);
        }
        if (d.reviewState != ReviewState.PENDING) {
            throw new ProblemException(409, "Decision is not pending", "Decision " + decisionId + " is "
                    + (d.reviewState == ReviewState.NONE ? "decided without review" : d.reviewState.name().toLowerCase()),
                    List.of());
        }
        return d;
    }

    private static void requireAuthority(Approvals approvals, String role, String required) {
        if (approvals.role(role).isEmpty()) {
            throw new ProblemException(403, "Not allowed", "Role " + role + " is not a reviewing role of the policy",
                    List.of(new Problem.FieldError("role", "is not one of " + approvals.roles().stream()
                            .map(Approvals.Role::name).toList())));
        }
        if (!approvals.mayAct(role, required)) {
            throw new ProblemException(403, "Not allowed", "A " + role + " may not act on a decision waiting for a " + required,
                    List.of(new Problem.FieldError("role", "may not act on a decision waiting for a " + required)));
        }
    }

    private static void requireCaseNote(Approvals approvals, String required, String note) {
        boolean needed = approvals.role(required).map(Approvals.Role::needsCaseNote).orElse(false);
        if (needed && (note == null || note.isBlank())) {
            throw ProblemException.badRequest("note", "is required: approving for a " + required + " needs a case note");
        }
    }

    Approvals approvalsOf(DecisionEntity d) {
        return documentOf(d).approvals();
    }

    PolicyDocument documentOf(DecisionEntity d) {
        return policies.document(d.policyVersion)
                .orElseThrow(() -> new IllegalStateException("decision " + d.decisionId + " names unknown policy " + d.policyVersion));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
