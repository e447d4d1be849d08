package com.goodwill.decision.persistence;

import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * One decision for one incident revision. Lists (grants, alternatives, fallbacks, factors) are kept as JSON text in
 * the shapes of the contracts' records; the columns beside them are what queries filter and sum on.
 */
@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {

    /** Where a decision's review stands; NONE for decisions that never needed one. */
    public enum ReviewState {
        NONE, PENDING, APPROVED, ADJUSTED, REJECTED, FALLBACK_APPLIED, SUPERSEDED
    }

    @Id
    @Column(name = "decision_id")
    public String decisionId;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "incident_revision")
    public int incidentRevision;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    public String market;
    public String channel;
    @Enumerated(EnumType.STRING)
    public DecisionOutcome outcome;
    /** The main instrument (the first goodwill remedy, else the duty). */
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    /** Everything the decision grants (pending: proposes), duties included. */
    @Column(name = "amount_minor")
    public Long amountMinor;
    public String currency;
    /** Goodwill granted (pending: proposed) now, duties excluded; what caps and top-ups count. */
    @Column(name = "goodwill_minor")
    public long goodwillMinor;
    public String tier;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "reason_code")
    public String reasonCode;
    public String narrative;
    @Column(name = "cost_centre")
    public String costCentre;
    public String owner;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "grants_json")
    public String grantsJson;
    @Column(name = "alternatives_json")
    public String alternativesJson;
    /** How long the customer may choose one of the alternatives; null when none is offered. */
    @Column(name = "choice_hours")
    public Integer choiceHours;
    @Column(name = "timeout_fallback_json")
    public String timeoutFallbackJson;
    @Column(name = "facts_json")
    public String factsJson;
    @Column(name = "risk_json")
    public String riskJson;
    @Column(name = "review_reasons_json")
    public String reviewReasonsJson;
    @Column(name = "candidate_id")
    public String candidateId;
    public String segment;
    @Column(name = "clv_minor")
    public Long clvMinor;
    @Column(name = "risk_score")
    public Integer riskScore;
    public String experiment;
    public String arm;
    @Column(name = "budget_id")
    public String budgetId;
    @Column(name = "budget_owner")
    public String budgetOwner;
    @Column(name = "budget_limit_minor")
    public Long budgetLimitMinor;
    @Column(name = "budget_overrun")
    public boolean budgetOverrun;
    public boolean statutory;
    @Column(name = "previously_granted_minor")
    public Long previouslyGrantedMinor;
    @Enumerated(EnumType.STRING)
    @Column(name = "review_state")
    public ReviewState reviewState;
    @Column(name = "required_role")
    public String requiredRole;
    @Column(name = "review_due_at")
    public Instant reviewDueAt;
    @Column(name = "on_timeout")
    public String onTimeout;
    @Column(name = "escalate_to")
    public String escalateTo;
    @Column(name = "pending_since")
    public Instant pendingSince;

    public static DecisionEntity locked(String decisionId) {
        return getEntityManager().find(DecisionEntity.class, decisionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The incident's decisions, oldest revision first, locked: decisions of one incident are made one at a time. */
    public static List<DecisionEntity> ofIncidentLocked(String incidentId) {
        return find("incidentId = ?1 order by incidentRevision", incidentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Goodwill granted or still proposed for the order, in its currency, across all its incidents. */
    public static long goodwillOfOrder(String orderId) {
        Number sum = (Number) getEntityManager().createQuery(
                        "select coalesce(sum(d.goodwillMinor), 0) from DecisionEntity d where d.orderId = ?1")
                .setParameter(1, orderId).getSingleResult();
        return sum.longValue();
    }
}
