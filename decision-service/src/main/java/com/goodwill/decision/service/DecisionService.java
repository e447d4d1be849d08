package com.goodwill.decision.service;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.CustomerValue;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.persistence.CustomerProfiles;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionEntity.ReviewState;
import com.goodwill.decision.policy.GoodwillDecision;
import com.goodwill.decision.policy.GoodwillDecision.Grant;
import com.goodwill.decision.policy.GoodwillEngine;
import com.goodwill.kit.ids.DerivedId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides every incident event through {@link GoodwillEngine} with the policy version in force for the incident's
 * market, in the consumer's transaction: reads the customer's figures and risk signals, reserves the amount on its
 * budget (re-deciding with the budget treated as exhausted when the reservation loses a race), stores the decision
 * with every field, and announces it with one command per instrument to execute.
 *
 * <p>Which incident events get a decision: an opened incident, and each escalation (a top-up of the difference, or
 * "no compensation, already covered"). A resolution gets none when the incident was decided before (what was
 * decided stands); a resolution of an incident never decided (its opening was lost) is decided like an opening.
 * The same incident revision again, or an older one, decides nothing new.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = DecisionRecords.SOURCE;
    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final Clock clock;
    private final PolicyService policies;
    private final CustomerValue customers;
    private final BudgetLedger budgets;
    private final DecisionRecords records;
    private final CustomerProfiles claims;

    public DecisionService(Clock clock, PolicyService policies, CustomerValue customers, BudgetLedger budgets,
                           DecisionRecords records, CustomerProfiles claims) {
        this.clock = clock;
        this.policies = policies;
        this.customers = customers;
        this.budgets = budgets;
        this.records = records;
        this.claims = claims;
    }

    /** Reads the ledger for the engine: the month's revenue, and what a budget already holds. */
    private GoodwillEngine.BudgetBook budgetBook() {
        return new GoodwillEngine.BudgetBook() {
            @Override
            public long monthRevenueMinor(String channel, String currency, YearMonth month) {
                return budgets.monthRevenueMinor(channel, currency, month);
            }

            @Override
            public long usedMinor(String budgetId) {
                return budgets.standing(budgetId).map(s -> s.reservedMinor() + s.consumedMinor()).orElse(0L);
            }
        };
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(EventEnvelope cause, Incident incident) {
        List<DecisionEntity> earlier = DecisionEntity.ofIncidentLocked(incident.incidentId());
        if (earlier.stream().anyMatch(d -> d.incidentRevision >= incident.revision())) {
            LOG.infof("Incident %s revision %d is decided already; nothing more is granted", incident.incidentId(),
                    incident.revision());
            return;
        }
        if (incident.lifecycle() == IncidentLifecycle.RESOLVED && !earlier.isEmpty()) {
            LOG.infof("Incident %s is resolved; its decision stands and nothing further is decided", incident.incidentId());
            return;
        }
        // Read in this transaction: a decision made after an activation committed uses the activated version.
        // No active policy is a fault of the deployment, not of the record: the consumer retries, then dead-letters.
        ActivePolicy active = policies.activeFor(incident.order().market())
                .orElseThrow(() -> new IllegalStateException("No policy is active for market " + incident.order().market()));
        Instant now = clock.instant();
        for (DecisionEntity pending : earlier) {
            if (pending.reviewState == ReviewState.PENDING) {
                supersede(pending, now);
            }
        }
        Money orderValue = incident.order().orderValue();
        String customerId = incident.order().customerId();
        long grantedForIncident = earlier.stream().mapToLong(d -> d.goodwillMinor).sum();
        DecisionEntity.getEntityManager().flush();
        GoodwillEngine.History history = new GoodwillEngine.History(!earlier.isEmpty(), grantedForIncident,
                DecisionEntity.goodwillOfOrder(incident.orderId()), earlier.stream().anyMatch(d -> d.statutory));
        CustomerFigures figures = customers.figures(customerId, orderValue.currency(), now);
        RiskSignals signals = customers.signals(customerId, incident.orderId(), now);
        String decisionId = earlier.isEmpty() ? DerivedId.of("decision", incident.incidentId())
                : DerivedId.of("decision", incident.incidentId(), "revision", Integer.toString(incident.revision()));

        GoodwillEngine engine = new GoodwillEngine(active.document(), active.rules());
        GoodwillEngine.BudgetBook book = budgetBook();
        Set<String> exhausted = new HashSet<>();
        GoodwillDecision decided;
        while (true) {
            decided = engine.decide(new GoodwillEngine.Case(incident, figures, signals, history, now, exhausted), book);
            GoodwillDecision.BudgetClaim claim = decided.budget();
            if (claim == null) {
                break;
            }
            // Reserved last in the transaction: the budget's row stays locked until commit.
            boolean reserved = budgets.reserve(claim.budgetId(), claim.owner(), claim.currency(), claim.limitMinor(),
                    decisionId, claim.amountMinor());
            if (reserved || claim.overrun()) {
                break;
            }
            // Another decision took the rest of the budget meanwhile: the policy's exhaustion rule decides instead.
            LOG.infof("Budget %s could not hold %d for decision %s; deciding again with it exhausted", claim.budgetId(),
                    claim.amountMinor(), decisionId);
            if (!exhausted.add(claim.budgetId())) {
                throw new IllegalStateException("budget " + claim.budgetId() + " refused a decision made with it exhausted");
            }
        }

        DecisionEntity decision = store(decisionId, incident, active, decided, now);
        recordClaim(decision, now);
        EventEnvelope made = records.announce(decision, cause.id());
        List<Grant> toExecute = decided.outcome() == DecisionOutcome.PENDING_APPROVAL
                ? decided.grants().stream().filter(Grant::statutory).toList() // a duty never waits for a reviewer
                : decided.grants();
        records.command(decision, toExecute, made, now);
        LOG.infof("Decision %s for incident %s rev %d: %s %s %d %s tier %s (%s, policy %s, segment %s, risk %d)",
                decisionId, incident.incidentId(), incident.revision(), decided.outcome(), decision.instrument,
                decision.amountMinor, decision.currency, decided.tier(), decided.reasonCode(), active.version(),
                decided.segment(), decided.risk().score());
    }

    private DecisionEntity store(String decisionId, Incident incident, ActivePolicy active, GoodwillDecision decided,
                                 Instant now) {
        DecisionEntity d = new DecisionEntity();
        d.decisionId = decisionId;
        d.incidentId = incident.incidentId();
        d.incidentRevision = incident.revision();
        d.orderId = incident.orderId();
        d.customerId = incident.order().customerId();
        d.market = incident.order().market();
        d.channel = incident.order().channel();
        d.outcome = decided.outcome();
        Grant main = decided.grants().stream().filter(g -> !g.statutory()).findFirst()
                .orElse(decided.grants().isEmpty() ? null : decided.grants().get(0));
        d.instrument = main == null ? null : main.remedy().instrument();
        d.amountMinor = decided.grants().stream().mapToLong(g -> g.remedy().amount().amountMinor()).sum();
        d.currency = incident.order().orderValue().currency();
        d.goodwillMinor = decided.goodwillMinor();
        d.tier = decided.tier().name();
        d.policyVersion = active.version();
        d.reasonCode = decided.reasonCode();
        d.narrative = decided.narrative();
        d.costCentre = decided.costCentre();
        d.owner = decided.owner();
        d.decidedAt = now;
        d.grantsJson = DecisionRecords.json(decided.grants());
        d.alternativesJson = DecisionRecords.json(decided.alternatives());
        d.timeoutFallbackJson = DecisionRecords.json(decided.timeoutFallback());
        d.factsJson = DecisionRecords.json(decided.facts());
        d.riskJson = DecisionRecords.json(decided.risk());
        d.reviewReasonsJson = DecisionRecords.json(decided.reviewReasons());
        d.candidateId = decided.candidateId();
        d.segment = decided.segment();
        d.clvMinor = decided.clvMinor();
        d.riskScore = decided.risk().score();
        d.experiment = decided.experiment();
        d.arm = decided.arm();
        if (decided.budget() != null) {
            d.budgetId = decided.budget().budgetId();
            d.budgetOwner = decided.budget().owner();
            d.budgetLimitMinor = decided.budget().limitMinor();
            d.budgetOverrun = decided.budget().overrun();
        }
        d.statutory = decided.statutory();
        d.previouslyGrantedMinor = decided.previouslyGranted() == null ? null : decided.previouslyGranted().amountMinor();
        if (decided.outcome() == DecisionOutcome.PENDING_APPROVAL) {
            d.reviewState = ReviewState.PENDING;
            d.requiredRole = decided.requiredRole();
            d.reviewDueAt = now.plus(decided.reviewWithin());
            d.onTimeout = decided.onTimeout().name();
            d.escalateTo = decided.escalateTo();
            d.pendingSince = now;
        } else {
            d.reviewState = ReviewState.NONE;
        }
        d.persist();
        return d;
    }

    /**
     * The customer's claim, for their figures and the guardrails: the goodwill granted or proposed; a duty alone is
     * recorded as statutory, which never counts against the customer.
     */
    static void recordClaim(CustomerProfiles claims, DecisionEntity d, Instant now) {
        if (d.goodwillMinor > 0) {
            claims.recordClaim(d.decisionId, d.customerId, d.orderId, Money.of(d.goodwillMinor, d.currency), false, now);
        } else if (d.statutory && d.amountMinor != null && d.amountMinor > 0) {
            claims.recordClaim(d.decisionId, d.customerId, d.orderId, Money.of(d.amountMinor, d.currency), true, now);
        } else {
            claims.withdrawClaim(d.decisionId);
        }
    }

    private void recordClaim(DecisionEntity d, Instant now) {
        recordClaim(claims, d, now);
    }

    /** The incident escalated while its decision waited: the new decision replaces the proposal. */
    private void supersede(DecisionEntity pending, Instant now) {
        pending.reviewState = ReviewState.SUPERSEDED;
        pending.goodwillMinor = 0;
        claims.withdrawClaim(pending.decisionId);
        if (pending.budgetId != null) {
            budgets.release(pending.decisionId);
        }
        records.reviewed(pending, ReviewAction.SUPERSEDED, ReviewService.TIMER_ACTOR, null,
                "the incident escalated before review; a new decision replaces this proposal", List.of(), null, now);
        LOG.infof("Pending decision %s superseded: incident %s escalated", pending.decisionId, pending.incidentId);
    }
}
