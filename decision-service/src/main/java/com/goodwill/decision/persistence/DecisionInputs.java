package com.goodwill.decision.persistence;

import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the database tells a decision, for several incidents in one statement: whether the incident was decided
 * before, the goodwill its order holds already, and the customer's figures and risk signals as of the decision's
 * moment (the same aggregates as {@link CustomerProfiles#figures} and {@link CustomerProfiles#signals}). One round trip
 * for a whole batch instead of four per decision.
 */
@ApplicationScoped
public class DecisionInputs {

    /** What one incident of the batch asks about. */
    public record Ask(String incidentId, String orderId, String customerId, String currency) {
    }

    /**
     * @param decidedBefore       the incident has a decision already (an escalation or a redelivery): such an incident
     *                            is decided on its own, with its earlier decisions locked
     * @param orderGoodwillMinor  goodwill granted or proposed for the order so far, across its incidents
     * @param shippingAddressId   the order's address fingerprint, when its placement is known: two incidents on one
     *                            address read each other's claims, so they are not decided from one read
     */
    public record Input(boolean decidedBefore, long orderGoodwillMinor, CustomerFigures figures, RiskSignals signals,
                        String shippingAddressId) {
    }

    private static final String READ = """
            with ask as (
                select * from unnest(cast(:incidents as text[]), cast(:orders as text[]), cast(:customers as text[]),
                                     cast(:currencies as text[]))
                       with ordinality as a(incident_id, order_id, customer_id, currency, n)
            )
            select a.n,
                   -- a probe of the unique index per incident; as "exists" the planner may hash the whole decision
                   -- table instead (a sequential scan per batch that grows with every decision ever made)
                   coalesce((select true from decision d where d.incident_id = a.incident_id limit 1), false) as decided_before,
                   (select coalesce(sum(d.goodwill_minor), 0) from decision d where d.order_id = a.order_id) as order_goodwill,
                   f.*, cf.*, ord.payment_method, ord.shipping_address_id,
                   (select count(*) from profile_address_account x
                     where x.address_id = ord.shipping_address_id
                       and x.customer_id <> a.customer_id and x.first_seen_at <= :at) as sharing_address,
                   (select count(*) from profile_instrument_account i
                     where i.instrument_id = ord.payment_instrument_id
                       and i.customer_id <> a.customer_id and i.first_seen_at <= :at) as sharing_instrument,
                   (select count(*) from customer_claim cl
                     where cl.address_id = ord.shipping_address_id and not cl.statutory
                       and cl.claimed_at > :since30 and cl.claimed_at <= :at) as claims_on_address,
                   (select count(*) from customer_claim cl
                     where cl.customer_id = a.customer_id and not cl.statutory
                       and cl.claimed_at > :since24h and cl.claimed_at <= :at) as claims_24h
              from ask a
             cross join lateral (
                   select count(*) as seen,
                          min(o.customer_since) as customer_since,
                          min(o.placed_at) as first_seen,
                          min(o.placed_at) filter (where c.order_id is null) as first_order_at,
                          max(o.placed_at) filter (where c.order_id is null) as last_order_at,
                          count(*) filter (where c.order_id is null) as orders,
                          count(*) filter (where c.order_id is null and o.placed_at > :since365) as orders365,
                          coalesce(sum(o.value_minor) filter (where c.order_id is null and o.currency = a.currency), 0) as spend,
                          coalesce(sum(o.value_minor) filter (where c.order_id is null and o.currency = a.currency
                                                               and o.placed_at > :since365), 0) as spend365,
                          coalesce(sum(o.value_minor) filter (where c.order_id is null and o.currency = a.currency
                                                               and o.placed_at > :since90), 0) as spend90,
                          count(*) filter (where r.order_id is not null) as returns
                     from profile_order o
                     left join profile_order_outcome c
                            on c.order_id = o.order_id and c.outcome = 'CANCELLED' and c.occurred_at <= :at
                     left join profile_order_outcome r
                            on r.order_id = o.order_id and r.outcome = 'RETURNED' and r.occurred_at <= :at
                    where o.customer_id = a.customer_id and o.placed_at <= :at) f
             cross join lateral (
                   select count(*) as claims,
                          count(*) filter (where cl.claimed_at > :since30) as claims30,
                          count(*) filter (where cl.claimed_at > :since90) as claims90,
                          coalesce(sum(cl.amount_minor) filter (where cl.currency = a.currency
                                                                 and cl.claimed_at > :since90), 0) as claimed90,
                          coalesce(sum(cl.amount_minor) filter (where cl.currency = a.currency), 0) as goodwill
                     from customer_claim cl
                    where cl.customer_id = a.customer_id and not cl.statutory and cl.claimed_at <= :at) cf
              left join profile_order ord on ord.order_id = a.order_id
             order by a.n
            """;

    private final AgroalDataSource dataSource;

    public DecisionInputs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One {@link Input} per ask, in the asks' order, as of {@code at}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Input> read(List<Ask> asks, Instant at) {
        if (asks.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return SqlStatement.on(connection, READ)
                    .bind("incidents", asks.stream().map(Ask::incidentId).toArray(String[]::new))
                    .bind("orders", asks.stream().map(Ask::orderId).toArray(String[]::new))
                    .bind("customers", asks.stream().map(Ask::customerId).toArray(String[]::new))
                    .bind("currencies", asks.stream().map(Ask::currency).toArray(String[]::new))
                    .bind("at", at).bind("since365", at.minus(Duration.ofDays(365)))
                    .bind("since90", at.minus(Duration.ofDays(90))).bind("since30", at.minus(Duration.ofDays(30)))
                    .bind("since24h", at.minus(Duration.ofHours(24)))
                    .list(rs -> {
                        Ask ask = asks.get(rs.getInt("n") - 1);
                        return new Input(rs.getBoolean("decided_before"), rs.getLong("order_goodwill"),
                                CustomerProfiles.figuresOf(rs, ask.customerId(), ask.currency()),
                                CustomerProfiles.signalsOf(rs), rs.getString("shipping_address_id"));
                    });
        } catch (SQLException e) {
            throw new SqlStatement.PersistenceFailure(e);
        }
    }
}
