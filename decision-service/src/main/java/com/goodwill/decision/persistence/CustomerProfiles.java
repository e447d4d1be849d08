package com.goodwill.decision.persistence;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.CustomerValue;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.kit.jdbc.OneRoundTrip;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * decision-service's projection of the order events and of its own goodwill claims, and the {@link CustomerValue}
 * read from it. Each figure is one aggregate over rows that keep their event times, so figures as of any moment are
 * exact: a decision reads the customer in two round trips (figures, signals), whatever the customer's history.
 */
@ApplicationScoped
public class CustomerProfiles implements CustomerValue {

    private static final Logger LOG = Logger.getLogger(CustomerProfiles.class);

    private static final String PLACED = """
            with placed as (
                insert into profile_order (order_id, customer_id, placed_at, placed_month, market, channel, payment_method,
                                           currency, value_minor, shipping_address_id, payment_instrument_id,
                                           customer_since, event_id)
                values (:order, :customer, :placedAt, :month, :market, :channel, :paymentMethod, :currency, :value,
                        :address, :instrument, :customerSince, :event)
                on conflict (order_id) do nothing
                returning order_id
            ), revenue as (
                insert into profile_month_revenue as r (month, channel, currency, revenue_minor, orders)
                select :month, :channel, :currency, :value, 1 from placed
                 where not exists (select 1 from profile_order_outcome where order_id = :order and outcome = 'CANCELLED')
                on conflict (month, channel, currency) do update
                   set revenue_minor = r.revenue_minor + excluded.revenue_minor, orders = r.orders + 1
            ), address as (
                insert into profile_address_account as a (address_id, customer_id, first_seen_at)
                select cast(:address as varchar), :customer, :placedAt from placed where cast(:address as varchar) is not null
                on conflict (address_id, customer_id) do update set first_seen_at = least(a.first_seen_at, excluded.first_seen_at)
            ), instrument as (
                insert into profile_instrument_account as i (instrument_id, customer_id, first_seen_at)
                select cast(:instrument as varchar), :customer, :placedAt from placed where cast(:instrument as varchar) is not null
                on conflict (instrument_id, customer_id) do update set first_seen_at = least(i.first_seen_at, excluded.first_seen_at)
            ), claims as (
                update customer_claim set address_id = cast(:address as varchar)
                 where order_id = :order and address_id is null and cast(:address as varchar) is not null
                   and exists (select 1 from placed)
            )
            select count(*) from placed
            """;

    /** A cancellation takes the order out of its month's revenue once, whether it comes before or after the placement. */
    private static final String CANCELLED = """
            with outcome as (
                insert into profile_order_outcome (order_id, outcome, occurred_at, event_id)
                values (:order, 'CANCELLED', :at, :event)
                on conflict (order_id, outcome) do nothing
                returning order_id
            )
            update profile_month_revenue r set revenue_minor = r.revenue_minor - o.value_minor, orders = r.orders - 1
              from profile_order o
             where o.order_id = :order and exists (select 1 from outcome)
               and r.month = o.placed_month and r.channel = o.channel and r.currency = o.currency
            """;

    private static final String RETURNED = """
            insert into profile_order_outcome as x (order_id, outcome, occurred_at, event_id)
            values (:order, 'RETURNED', :at, :event)
            on conflict (order_id, outcome) do update set occurred_at = least(x.occurred_at, excluded.occurred_at)
            """;

    private static final String FIGURES = """
            with orders as (
                select o.placed_at, o.currency, o.value_minor, o.customer_since,
                       c.order_id is not null as cancelled, r.order_id is not null as returned
                  from profile_order o
                  left join profile_order_outcome c
                         on c.order_id = o.order_id and c.outcome = 'CANCELLED' and c.occurred_at <= :at
                  left join profile_order_outcome r
                         on r.order_id = o.order_id and r.outcome = 'RETURNED' and r.occurred_at <= :at
                 where o.customer_id = :customer and o.placed_at <= :at
            ), order_figures as (
                select count(*) as seen,
                       min(customer_since) as customer_since,
                       min(placed_at) as first_seen,
                       min(placed_at) filter (where not cancelled) as first_order_at,
                       max(placed_at) filter (where not cancelled) as last_order_at,
                       count(*) filter (where not cancelled) as orders,
                       count(*) filter (where not cancelled and placed_at > :since365) as orders365,
                       coalesce(sum(value_minor) filter (where not cancelled and currency = :currency), 0) as spend,
                       coalesce(sum(value_minor) filter (where not cancelled and currency = :currency
                                                          and placed_at > :since365), 0) as spend365,
                       coalesce(sum(value_minor) filter (where not cancelled and currency = :currency
                                                          and placed_at > :since90), 0) as spend90,
                       count(*) filter (where returned) as returns
                  from orders
            ), claim_figures as (
                select count(*) as claims,
                       count(*) filter (where claimed_at > :since30) as claims30,
                       count(*) filter (where claimed_at > :since90) as claims90,
                       coalesce(sum(amount_minor) filter (where currency = :currency and claimed_at > :since90), 0) as claimed90,
                       coalesce(sum(amount_minor) filter (where currency = :currency), 0) as goodwill
                  from customer_claim
                 where customer_id = :customer and not statutory and claimed_at <= :at
            )
            select * from order_figures cross join claim_figures
            """;

    private static final String SIGNALS = """
            with ord as (
                select payment_method, shipping_address_id, payment_instrument_id from profile_order where order_id = :order
            )
            select (select payment_method from ord) as payment_method,
                   (select count(*) from profile_address_account a
                     where a.address_id = (select shipping_address_id from ord)
                       and a.customer_id <> :customer and a.first_seen_at <= :at) as sharing_address,
                   (select count(*) from profile_instrument_account i
                     where i.instrument_id = (select payment_instrument_id from ord)
                       and i.customer_id <> :customer and i.first_seen_at <= :at) as sharing_instrument,
                   (select count(*) from customer_claim cl
                     where cl.address_id = (select shipping_address_id from ord) and not cl.statutory
                       and cl.claimed_at > :since30 and cl.claimed_at <= :at) as claims_on_address,
                   (select count(*) from customer_claim cl
                     where cl.customer_id = :customer and not cl.statutory
                       and cl.claimed_at > :since24h and cl.claimed_at <= :at) as claims_24h
            """;

    /** One goodwill claim of a customer, as support sees it. */
    public record Claim(String decisionId, String orderId, Money amount, boolean statutory, Instant claimedAt) {
    }

    private final AgroalDataSource dataSource;

    public CustomerProfiles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies one order event to the profiles; events that change no figure (shipped, delivered, problems) are skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            onPlaced(eventId, placed);
        } else if (event instanceof OrderCancelled cancelled) {
            run(c -> SqlStatement.on(c, CANCELLED).bind("order", cancelled.orderId())
                    .bind("at", cancelled.occurredAt()).bind("event", eventId).update());
        } else if (event instanceof OrderReturned returned) {
            run(c -> SqlStatement.on(c, RETURNED).bind("order", returned.orderId())
                    .bind("at", returned.occurredAt()).bind("event", eventId).update());
        } else {
            LOG.debugf("Order event %s (%s) changes no customer figure", eventId, event.cloudEventType());
        }
    }

    private void onPlaced(String eventId, OrderPlaced placed) {
        long inserted = run(c -> SqlStatement.on(c, PLACED)
                .bind("order", placed.orderId()).bind("customer", placed.customerId())
                .bind("placedAt", placed.occurredAt()).bind("month", monthOf(placed.occurredAt()))
                .bind("market", placed.market()).bind("channel", placed.channel())
                .bind("paymentMethod", placed.paymentMethod()).bind("currency", placed.orderValue().currency())
                .bind("value", placed.orderValue().amountMinor()).bind("address", placed.shippingAddressId())
                .bind("instrument", placed.paymentInstrumentId()).bind("customerSince", placed.customerSince())
                .bind("event", eventId)
                .single(rs -> rs.getLong(1)));
        if (inserted == 0) {
            LOG.infof("Order %s was placed before; placement %s changes nothing", placed.orderId(), eventId);
        }
    }

    /**
     * Records goodwill granted to a customer, in the decision's transaction (the DecisionService calls it). Recording
     * the same decision again replaces its amount (an adjustment), keeping when it was first claimed. A statutory
     * remedy is kept for the record and never counts against the customer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordClaim(String decisionId, String customerId, String orderId, Money amount, boolean statutory, Instant at) {
        run(c -> SqlStatement.on(c, """
                        insert into customer_claim as x (decision_id, customer_id, order_id, address_id, amount_minor, currency,
                                                         statutory, claimed_at)
                        select :decision, :customer, :order,
                               (select shipping_address_id from profile_order where order_id = :order),
                               :amount, :currency, :statutory, :at
                        on conflict (decision_id) do update
                           set amount_minor = excluded.amount_minor, currency = excluded.currency, statutory = excluded.statutory
                        """)
                .bind("decision", decisionId).bind("customer", customerId).bind("order", orderId)
                .bind("amount", amount.amountMinor()).bind("currency", amount.currency()).bind("statutory", statutory)
                .bind("at", at).update());
    }

    /** A claim to record with others of a batch; see {@link #recordClaim}. */
    public record NewClaim(String decisionId, String customerId, String orderId, Money amount, boolean statutory) {
    }

    /** Records the claims of a batch of new decisions in one statement, with the same meaning as {@link #recordClaim}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordClaims(List<NewClaim> claims, Instant at) {
        claimsWrite(claims, at).ifPresent(write -> run(c -> {
            SqlStatement.send(c, List.of(write));
            return null;
        }));
    }

    /**
     * {@link #recordClaims} as a write for the caller to send with its own writes in one round trip; empty when
     * there are no claims.
     */
    public Optional<OneRoundTrip.Write> claimsWrite(List<NewClaim> claims, Instant at) {
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SqlStatement.of("""
                        insert into customer_claim as x (decision_id, customer_id, order_id, address_id, amount_minor, currency,
                                                         statutory, claimed_at)
                        select n.decision_id, n.customer_id, n.order_id,
                               (select shipping_address_id from profile_order o where o.order_id = n.order_id),
                               n.amount_minor, n.currency, n.statutory = 'true', :at
                          from unnest(cast(:decisions as text[]), cast(:customers as text[]), cast(:orders as text[]),
                                      cast(:amounts as bigint[]), cast(:currencies as text[]), cast(:statutory as text[]))
                               as n(decision_id, customer_id, order_id, amount_minor, currency, statutory)
                        on conflict (decision_id) do update
                           set amount_minor = excluded.amount_minor, currency = excluded.currency, statutory = excluded.statutory
                        """)
                .bind("decisions", claims.stream().map(NewClaim::decisionId).toArray(String[]::new))
                .bind("customers", claims.stream().map(NewClaim::customerId).toArray(String[]::new))
                .bind("orders", claims.stream().map(NewClaim::orderId).toArray(String[]::new))
                .bind("amounts", claims.stream().map(n -> n.amount().amountMinor()).toArray(Long[]::new))
                .bind("currencies", claims.stream().map(n -> n.amount().currency()).toArray(String[]::new))
                .bind("statutory", claims.stream().map(n -> Boolean.toString(n.statutory())).toArray(String[]::new))
                .bind("at", at)
                // Each claim is inserted, or updated when its decision's claim was recorded before: nothing to check.
                .write(recorded -> { }));
    }

    /** Takes back a claim whose goodwill was never granted (a reviewer rejected the decision). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawClaim(String decisionId) {
        run(c -> SqlStatement.on(c, "delete from customer_claim where decision_id = :decision")
                .bind("decision", decisionId).update());
    }

    @Override
    public CustomerFigures figures(String customerId, String currency, Instant at) {
        return run(c -> SqlStatement.on(c, FIGURES)
                .bind("customer", customerId).bind("currency", currency).bind("at", at)
                .bind("since365", at.minus(Duration.ofDays(365))).bind("since90", at.minus(Duration.ofDays(90)))
                .bind("since30", at.minus(Duration.ofDays(30)))
                .single(rs -> figuresOf(rs, customerId, currency)));
    }

    /** Maps the columns of {@link #FIGURES} (also selected, under the same names, by {@link DecisionInputs}). */
    static CustomerFigures figuresOf(ResultSet rs, String customerId, String currency) throws SQLException {
        if (rs.getLong("seen") == 0 && rs.getLong("claims") == 0) {
            return CustomerFigures.unknown(customerId, currency);
        }
        Instant since = SqlStatement.instant(rs, "customer_since");
        return new CustomerFigures(customerId, currency,
                since != null ? since : SqlStatement.instant(rs, "first_seen"),
                SqlStatement.instant(rs, "first_order_at"), SqlStatement.instant(rs, "last_order_at"),
                rs.getInt("orders"), rs.getInt("orders365"), rs.getLong("spend"), rs.getLong("spend365"),
                rs.getLong("spend90"), rs.getInt("returns"), rs.getInt("claims30"), rs.getInt("claims90"),
                rs.getLong("claimed90"), rs.getLong("goodwill"));
    }

    @Override
    public RiskSignals signals(String customerId, String orderId, Instant at) {
        return run(c -> SqlStatement.on(c, SIGNALS)
                .bind("customer", customerId).bind("order", orderId).bind("at", at)
                .bind("since30", at.minus(Duration.ofDays(30))).bind("since24h", at.minus(Duration.ofHours(24)))
                .single(CustomerProfiles::signalsOf));
    }

    /** Maps the columns of {@link #SIGNALS} (also selected, under the same names, by {@link DecisionInputs}). */
    static RiskSignals signalsOf(ResultSet rs) throws SQLException {
        return new RiskSignals(rs.getString("payment_method"), rs.getInt("sharing_address"),
                rs.getInt("sharing_instrument"), rs.getInt("claims_on_address"), rs.getInt("claims_24h"));
    }

    /** The currency of the customer's latest order placed by {@code at}, else of the latest claim; empty for a stranger. */
    public Optional<String> usualCurrency(String customerId, Instant at) {
        return run(c -> SqlStatement.on(c, """
                        select coalesce(
                            (select currency from profile_order where customer_id = :customer and placed_at <= :at
                              order by placed_at desc limit 1),
                            (select currency from customer_claim where customer_id = :customer and claimed_at <= :at
                              order by claimed_at desc limit 1)) as currency
                        """)
                .bind("customer", customerId).bind("at", at)
                .first(rs -> rs.getString("currency")));
    }

    /** The customer's latest claims by {@code at}, newest first, statutory ones included (marked). */
    public List<Claim> claims(String customerId, Instant at, int limit) {
        return run(c -> SqlStatement.on(c, """
                        select decision_id, order_id, amount_minor, currency, statutory, claimed_at from customer_claim
                         where customer_id = :customer and claimed_at <= :at order by claimed_at desc, decision_id limit :limit
                        """)
                .bind("customer", customerId).bind("at", at).bind("limit", limit)
                .list(rs -> new Claim(rs.getString("decision_id"), rs.getString("order_id"),
                        Money.of(rs.getLong("amount_minor"), rs.getString("currency")), rs.getBoolean("statutory"),
                        SqlStatement.instant(rs, "claimed_at"))));
    }

    static LocalDate monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1);
    }

    /** On the connection of the current transaction (or a connection of its own outside one). */
    private <T> T run(Function<Connection, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new SqlStatement.PersistenceFailure(e);
        }
    }
}
