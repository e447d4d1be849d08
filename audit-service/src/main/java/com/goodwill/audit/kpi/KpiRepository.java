package com.goodwill.audit.kpi;

import com.goodwill.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts the KPIs and the tolerance limits are computed from, gathered with SQL over the ledger: each entry's facts
 * in {@code ledger_facet}, and what only the event says from its payload (the whole CloudEvent; business data under
 * {@code data}).
 */
@ApplicationScoped
public class KpiRepository {

    /** The data of the ledger entry {@code e}. */
    private static final String DATA = "(cast(e.payload as jsonb) -> 'data')";

    /** The carriers an order.shipped entry {@code e} names, one row each ({@code sh ->> 'carrier'}). */
    private static final String SHIPMENTS = "jsonb_array_elements(case when jsonb_typeof(" + DATA + " -> 'shipments') = 'array'"
            + " then " + DATA + " -> 'shipments' end) sh";

    /**
     * One row per incident opened in the period (its first opened entry): order context from the incident, else the
     * facts the ledger derived for the entry; the first succeeded fulfilment; its decisions; what was paid, each command
     * once; and whether the order had another incident, or the customer another order, after the compensation.
     */
    private static final String CASES = """
            with opened as (
                select distinct on (f.incident_id) f.incident_id, f.order_id, f.event_time as opened_at,
                       f.customer_id, f.market, f.carrier, %1$s as d
                from ledger_facet f join ledger_entry e on e.sequence = f.sequence
                where f.event_type = :opened and f.event_time >= :from and f.event_time < :to and f.incident_id is not null
                order by f.incident_id, f.event_time, f.sequence
            ), cases as (
                select o.*,
                       (select min(s.event_time)
                        from ledger_facet s join ledger_entry e on e.sequence = s.sequence
                        where s.incident_id = o.incident_id and s.event_type = :fulfilment
                          and %1$s ->> 'status' = 'SUCCEEDED') as resolved_at
                from opened o
            )
            select c.incident_id,
                   c.order_id,
                   coalesce(c.d -> 'order' ->> 'customerId', c.customer_id),
                   coalesce(c.d ->> 'carrier', c.carrier),
                   coalesce(c.d -> 'order' ->> 'market', c.market),
                   c.d -> 'order' ->> 'channel',
                   c.d -> 'order' -> 'orderValue' ->> 'currency',
                   decided.reason_code,
                   c.opened_at,
                   c.resolved_at,
                   coalesce(decided.automatic, false),
                   paid.amounts,
                   c.resolved_at is not null and exists (
                       select 1 from ledger_facet o
                       where o.order_id = c.order_id and o.event_type = :opened and o.incident_id <> c.incident_id
                         and o.event_time > c.resolved_at),
                   c.resolved_at is not null and exists (
                       select 1 from ledger_facet p
                       where p.customer_id = coalesce(c.d -> 'order' ->> 'customerId', c.customer_id)
                         and p.event_type = :placed and p.order_id <> c.order_id
                         and p.event_time > c.resolved_at
                         and p.event_time <= c.resolved_at + cast(:repurchaseSeconds as bigint) * interval '1 second')
            from cases c
            left join lateral (
                select (array_agg(s.reason_code order by s.event_time desc, s.sequence desc))[1] as reason_code,
                       bool_and(coalesce(%1$s ->> 'tier', '') = 'AUTO'
                                and coalesce(%1$s ->> 'outcome', '') <> 'PENDING_APPROVAL') as automatic
                from ledger_facet s join ledger_entry e on e.sequence = s.sequence
                where s.incident_id = c.incident_id and s.event_type = :decision
            ) decided on true
            left join lateral (
                select string_agg(x.currency || '=' || x.total, ',') as amounts
                from (select y.currency, sum(y.amount) as total
                      from (select distinct on (coalesce(%1$s ->> 'commandId', cast(s.sequence as text)))
                                   %1$s -> 'amount' ->> 'currency' as currency,
                                   cast(%1$s -> 'amount' ->> 'amountMinor' as bigint) as amount
                            from ledger_facet s join ledger_entry e on e.sequence = s.sequence
                            where s.incident_id = c.incident_id and s.event_type = :fulfilment
                              and %1$s ->> 'status' = 'SUCCEEDED' and %1$s -> 'amount' ->> 'currency' is not null
                            order by coalesce(%1$s ->> 'commandId', cast(s.sequence as text)), s.event_time, s.sequence) y
                      group by y.currency) x
            ) paid on true
            order by c.opened_at, c.incident_id""".formatted(DATA);

    /** Orders placed in the period by market, channel and carrier(s) shipped with, per currency. */
    private static final String ORDERS = """
            with placed as (
                select distinct on (f.order_id) f.order_id, %1$s ->> 'market' as market, %1$s ->> 'channel' as channel,
                       %1$s -> 'orderValue' ->> 'currency' as currency
                from ledger_facet f join ledger_entry e on e.sequence = f.sequence
                where f.event_type = :placed and f.event_time >= :from and f.event_time < :to and f.order_id is not null
                order by f.order_id, f.event_time, f.sequence
            )
            select 'market', market, currency, count(*) from placed group by market, currency
            union all
            select 'channel', channel, currency, count(*) from placed group by channel, currency
            union all
            select 'carrier', shipped.carrier, p.currency, count(distinct p.order_id)
            from placed p
            join lateral (
                select distinct sh ->> 'carrier' as carrier
                from ledger_facet s join ledger_entry e on e.sequence = s.sequence cross join %2$s
                where s.order_id = p.order_id and s.event_type = :shipped
            ) shipped on shipped.carrier is not null
            group by shipped.carrier, p.currency""".formatted(DATA, SHIPMENTS);

    /** Orders shipped in a window per carrier (every carrier an order's shipments name) and per market. */
    private static final String SHIPPED = """
            select 'carrier', sh ->> 'carrier', count(distinct f.order_id)
            from ledger_facet f join ledger_entry e on e.sequence = f.sequence cross join %1$s
            where f.event_type = :shipped and f.event_time >= :from and f.event_time < :to and f.order_id is not null
              and sh ->> 'carrier' is not null
            group by sh ->> 'carrier'
            union all
            select 'market', f.market, count(distinct f.order_id)
            from ledger_facet f
            where f.event_type = :shipped and f.event_time >= :from and f.event_time < :to and f.order_id is not null
              and f.market is not null
            group by f.market""".formatted(SHIPMENTS);

    /** Incidents of orders opened in a window, per carrier and per market. */
    private static final String OPENED = """
            select 'carrier', f.carrier, count(distinct f.incident_id)
            from ledger_facet f
            where f.event_type = :opened and f.event_time >= :from and f.event_time < :to and f.order_id is not null
              and f.carrier is not null
            group by f.carrier
            union all
            select 'market', f.market, count(distinct f.incident_id)
            from ledger_facet f
            where f.event_type = :opened and f.event_time >= :from and f.event_time < :to and f.order_id is not null
              and f.market is not null
            group by f.market""";

    /** Incidents and orders of one carrier or market in a window. */
    public record Exposure(String dimension, String value, long incidents, long orders) {
    }

    private final EntityManager entityManager;

    public KpiRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The cases opened in {@code [from, to)}, oldest first. */
    public List<CaseFacts> cases(Instant from, Instant to, Duration repurchaseWithin) {
        Query query = entityManager.createNativeQuery(CASES)
                .setParameter("opened", EventTypes.INCIDENT_OPENED)
                .setParameter("fulfilment", EventTypes.FULFILMENT_RECORDED)
                .setParameter("decision", EventTypes.DECISION_MADE)
                .setParameter("placed", EventTypes.ORDER_PLACED)
                .setParameter("repurchaseSeconds", repurchaseWithin.toSeconds())
                .setParameter("from", from)
                .setParameter("to", to);
        List<CaseFacts> cases = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            cases.add(new CaseFacts((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], instant(r[8]), instant(r[9]), (Boolean) r[10],
                    amounts((String) r[11]), (Boolean) r[12], (Boolean) r[13]));
        }
        return cases;
    }

    /** The orders placed in {@code [from, to)}. */
    public OrderCounts orders(Instant from, Instant to) {
        Query query = entityManager.createNativeQuery(ORDERS)
                .setParameter("placed", EventTypes.ORDER_PLACED)
                .setParameter("shipped", EventTypes.ORDER_SHIPPED)
                .setParameter("from", from)
                .setParameter("to", to);
        Map<String, Long> byCurrency = new HashMap<>();
        Map<String, Map<String, Long>> byCarrier = new HashMap<>();
        Map<String, Map<String, Long>> byMarket = new HashMap<>();
        Map<String, Map<String, Long>> byChannel = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            String value = (String) r[1];
            String currency = (String) r[2];
            long count = ((Number) r[3]).longValue();
            if (currency == null) {
                continue;
            }
            switch ((String) r[0]) {
                case "market" -> {
                    // Every order has exactly one market row: the totals per currency are their sum.
                    byCurrency.merge(currency, count, Long::sum);
                    put(byMarket, value, currency, count);
                }
                case "channel" -> put(byChannel, value, currency, count);
                default -> put(byCarrier, value, currency, count);
            }
        }
        return new OrderCounts(byCurrency, byCarrier, byMarket, byChannel);
    }

    /** Per carrier and per market: incidents opened and orders shipped in {@code [from, to)}. */
    public List<Exposure> exposures(Instant from, Instant to) {
        Map<List<String>, long[]> counts = new HashMap<>();
        for (Object row : windowQuery(SHIPPED, from, to).setParameter("shipped", EventTypes.ORDER_SHIPPED).getResultList()) {
            Object[] r = (Object[]) row;
            counts.computeIfAbsent(List.of((String) r[0], (String) r[1]), k -> new long[2])[1] = ((Number) r[2]).longValue();
        }
        for (Object row : windowQuery(OPENED, from, to).setParameter("opened", EventTypes.INCIDENT_OPENED).getResultList()) {
            Object[] r = (Object[]) row;
            counts.computeIfAbsent(List.of((String) r[0], (String) r[1]), k -> new long[2])[0] = ((Number) r[2]).longValue();
        }
        List<Exposure> exposures = new ArrayList<>();
        counts.forEach((key, c) -> exposures.add(new Exposure(key.get(0), key.get(1), c[0], c[1])));
        exposures.sort(Comparator.comparing(Exposure::dimension).thenComparing(Exposure::value));
        return exposures;
    }

    private Query windowQuery(String sql, Instant from, Instant to) {
        return entityManager.createNativeQuery(sql).setParameter("from", from).setParameter("to", to);
    }

    private static void put(Map<String, Map<String, Long>> map, String value, String currency, long count) {
        if (value != null) {
            map.computeIfAbsent(value, v -> new HashMap<>()).merge(currency, count, Long::sum);
        }
    }

    /** {@code EUR=1800,GBP=0} as built by the query. */
    static Map<String, Long> amounts(String text) {
        Map<String, Long> amounts = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return amounts;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            amounts.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        return amounts;
    }

    /** Drivers hand timestamptz back as one of these, depending on version. */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
