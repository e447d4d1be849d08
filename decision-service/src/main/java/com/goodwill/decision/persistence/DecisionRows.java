package com.goodwill.decision.persistence;

import com.goodwill.kit.jdbc.OneRoundTrip;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static com.goodwill.kit.jdbc.ArrayParameters.longs;
import static com.goodwill.kit.jdbc.ArrayParameters.texts;
import static com.goodwill.kit.jdbc.ArrayParameters.time;

/**
 * New decisions of a batch written in one statement over plain JDBC, on the connection of the caller's transaction:
 * one round trip and one execution for the whole batch, and none of the ORM's per-entity work (instantiation of its
 * state, dirty tracking, flush). The rows are exactly what persisting each {@link DecisionEntity} writes; the entities
 * given stay unmanaged (nothing of the batch's transaction reads them back through the ORM).
 */
@ApplicationScoped
public class DecisionRows {

    private static final String INSERT = """
            insert into decision (decision_id, incident_id, incident_revision, order_id, customer_id, market, channel,
                                  outcome, instrument, amount_minor, currency, goodwill_minor, tier, policy_version,
                                  reason_code, narrative, cost_centre, owner, decided_at, grants_json, alternatives_json,
                                  choice_hours, timeout_fallback_json, facts_json, risk_json, review_reasons_json, candidate_id, segment,
                                  clv_minor, risk_score, experiment, arm, budget_id, budget_owner, budget_limit_minor,
                                  budget_overrun, statutory, previously_granted_minor, review_state, required_role,
                                  review_due_at, on_timeout, escalate_to, pending_since)
            select d.decision_id, d.incident_id, d.incident_revision, d.order_id, d.customer_id, d.market, d.channel,
                   d.outcome, d.instrument, d.amount_minor, d.currency, d.goodwill_minor, d.tier, d.policy_version,
                   d.reason_code, d.narrative, d.cost_centre, d.owner, d.decided_at, d.grants_json, d.alternatives_json,
                   d.choice_hours, d.timeout_fallback_json, d.facts_json, d.risk_json, d.review_reasons_json, d.candidate_id, d.segment,
                   d.clv_minor, d.risk_score, d.experiment, d.arm, d.budget_id, d.budget_owner, d.budget_limit_minor,
                   d.budget_overrun, d.statutory, d.previously_granted_minor, d.review_state, d.required_role,
                   d.review_due_at, d.on_timeout, d.escalate_to, d.pending_since
              from unnest(cast(:decision_id as text[]), cast(:incident_id as text[]), cast(:incident_revision as bigint[]),
                          cast(:order_id as text[]), cast(:customer_id as text[]), cast(:market as text[]),
                          cast(:channel as text[]), cast(:outcome as text[]), cast(:instrument as text[]),
                          cast(:amount_minor as bigint[]), cast(:currency as text[]), cast(:goodwill_minor as bigint[]),
                          cast(:tier as text[]), cast(:policy_version as text[]), cast(:reason_code as text[]),
                          cast(:narrative as text[]), cast(:cost_centre as text[]), cast(:owner as text[]),
                          cast(:decided_at as timestamptz[]), cast(:grants_json as text[]),
                          cast(:alternatives_json as text[]), cast(:choice_hours as bigint[]),
                          cast(:timeout_fallback_json as text[]),
                          cast(:facts_json as text[]), cast(:risk_json as text[]), cast(:review_reasons_json as text[]),
                          cast(:candidate_id as text[]), cast(:segment as text[]), cast(:clv_minor as bigint[]),
                          cast(:risk_score as bigint[]), cast(:experiment as text[]), cast(:arm as text[]),
                          cast(:budget_id as text[]), cast(:budget_owner as text[]), cast(:budget_limit_minor as bigint[]),
                          cast(:budget_overrun as boolean[]), cast(:statutory as boolean[]),
                          cast(:previously_granted_minor as bigint[]), cast(:review_state as text[]),
                          cast(:required_role as text[]), cast(:review_due_at as timestamptz[]),
                          cast(:on_timeout as text[]), cast(:escalate_to as text[]), cast(:pending_since as timestamptz[]))
                   with ordinality as d(decision_id, incident_id, incident_revision, order_id, customer_id, market, channel,
                                        outcome, instrument, amount_minor, currency, goodwill_minor, tier, policy_version,
                                        reason_code, narrative, cost_centre, owner, decided_at, grants_json,
                                        alternatives_json, choice_hours, timeout_fallback_json, facts_json, risk_json,
                                        review_reasons_json, candidate_id, segment, clv_minor, risk_score, experiment, arm,
                                        budget_id, budget_owner, budget_limit_minor, budget_overrun, statutory,
                                        previously_granted_minor, review_state, required_role, review_due_at, on_timeout,
                                        escalate_to, pending_since, n)
             order by d.n
            """;

    private final AgroalDataSource dataSource;

    public DecisionRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the decisions, in their order, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<DecisionEntity> decisions) {
        insertAll(decisions, List.of());
    }

    /**
     * Inserts the decisions, in their order, and runs the other writes given after them, all in one round trip
     * ({@link OneRoundTrip}), in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<DecisionEntity> decisions, List<OneRoundTrip.Write> alongside) {
        List<OneRoundTrip.Write> writes = new ArrayList<>(alongside.size() + 1);
        if (!decisions.isEmpty()) {
            writes.add(write(decisions));
        }
        writes.addAll(alongside);
        try (Connection connection = dataSource.getConnection()) {
            SqlStatement.send(connection, writes);
        } catch (SQLException e) {
            throw new SqlStatement.PersistenceFailure(e);
        }
    }

    private static OneRoundTrip.Write write(List<DecisionEntity> decisions) {
        return SqlStatement.of(INSERT)
                .bind("decision_id", texts(decisions, d -> d.decisionId))
                .bind("incident_id", texts(decisions, d -> d.incidentId))
                .bind("incident_revision", longs(decisions, d -> (long) d.incidentRevision))
                .bind("order_id", texts(decisions, d -> d.orderId))
                .bind("customer_id", texts(decisions, d -> d.customerId))
                .bind("market", texts(decisions, d -> d.market))
                .bind("channel", texts(decisions, d -> d.channel))
                .bind("outcome", texts(decisions, d -> d.outcome == null ? null : d.outcome.name()))
                .bind("instrument", texts(decisions, d -> d.instrument == null ? null : d.instrument.name()))
                .bind("amount_minor", longs(decisions, d -> d.amountMinor))
                .bind("currency", texts(decisions, d -> d.currency))
                .bind("goodwill_minor", longs(decisions, d -> d.goodwillMinor))
                .bind("tier", texts(decisions, d -> d.tier))
                .bind("policy_version", texts(decisions, d -> d.policyVersion))
                .bind("reason_code", texts(decisions, d -> d.reasonCode))
                .bind("narrative", texts(decisions, d -> d.narrative))
                .bind("cost_centre", texts(decisions, d -> d.costCentre))
                .bind("owner", texts(decisions, d -> d.owner))
                .bind("decided_at", texts(decisions, d -> time(d.decidedAt)))
                .bind("grants_json", texts(decisions, d -> d.grantsJson))
                .bind("alternatives_json", texts(decisions, d -> d.alternativesJson))
                .bind("choice_hours", longs(decisions, d -> d.choiceHours == null ? null : (long) d.choiceHours))
                .bind("timeout_fallback_json", texts(decisions, d -> d.timeoutFallbackJson))
                .bind("facts_json", texts(decisions, d -> d.factsJson))
                .bind("risk_json", texts(decisions, d -> d.riskJson))
                .bind("review_reasons_json", texts(decisions, d -> d.reviewReasonsJson))
                .bind("candidate_id", texts(decisions, d -> d.candidateId))
                .bind("segment", texts(decisions, d -> d.segment))
                .bind("clv_minor", longs(decisions, d -> d.clvMinor))
                .bind("risk_score", longs(decisions, d -> d.riskScore == null ? null : (long) d.riskScore))
                .bind("experiment", texts(decisions, d -> d.experiment))
                .bind("arm", texts(decisions, d -> d.arm))
                .bind("budget_id", texts(decisions, d -> d.budgetId))
                .bind("budget_owner", texts(decisions, d -> d.budgetOwner))
                .bind("budget_limit_minor", longs(decisions, d -> d.budgetLimitMinor))
                .bind("budget_overrun", texts(decisions, d -> Boolean.toString(d.budgetOverrun)))
                .bind("statutory", texts(decisions, d -> Boolean.toString(d.statutory)))
                .bind("previously_granted_minor", longs(decisions, d -> d.previouslyGrantedMinor))
                .bind("review_state", texts(decisions, d -> d.reviewState == null ? null : d.reviewState.name()))
                .bind("required_role", texts(decisions, d -> d.requiredRole))
                .bind("review_due_at", texts(decisions, d -> time(d.reviewDueAt)))
                .bind("on_timeout", texts(decisions, d -> d.onTimeout))
                .bind("escalate_to", texts(decisions, d -> d.escalateTo))
                .bind("pending_since", texts(decisions, d -> time(d.pendingSince)))
                .write(inserted -> {
                    if (inserted != decisions.size()) {
                        throw new IllegalStateException("decision took " + inserted + " of " + decisions.size() + " rows");
                    }
                });
    }
}
