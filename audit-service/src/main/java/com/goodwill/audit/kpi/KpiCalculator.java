package com.goodwill.audit.kpi;

import com.goodwill.audit.kpi.KpiReport.Breakdown;
import com.goodwill.audit.kpi.KpiReport.Bucket;
import com.goodwill.audit.kpi.KpiReport.CurrencyCost;
import com.goodwill.audit.kpi.KpiReport.Rate;
import com.goodwill.audit.kpi.KpiReport.Resolution;
import com.goodwill.audit.kpi.KpiReport.Segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** The KPI arithmetic over the facts of the cases: percentiles, shares, rates, money per case and per 1,000 orders. */
public final class KpiCalculator {

    /** Upper bounds of the resolution-time histogram; one more bucket holds what took longer. */
    public static final List<Duration> HISTOGRAM_BOUNDS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(72),
            Duration.ofDays(7));

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private KpiCalculator() {
    }

    public static KpiReport report(Instant from, Instant to, List<CaseFacts> cases, OrderCounts orders) {
        return new KpiReport(from, to, resolution(cases), cost(cases, orders.byCurrency()),
                new Breakdown(
                        segments(cases, CaseFacts::carrier, orders.byCarrier()::get),
                        // A reason code is about a decision, not an order: its goodwill is set against all orders.
                        segments(cases, CaseFacts::reasonCode, value -> orders.byCurrency()),
                        segments(cases, CaseFacts::market, orders.byMarket()::get),
                        segments(cases, CaseFacts::channel, orders.byChannel()::get)),
                rate(cases, CaseFacts::reopened),
                rate(cases, CaseFacts::repurchased));
    }

    static Resolution resolution(List<CaseFacts> cases) {
        List<Long> seconds = cases.stream().filter(CaseFacts::resolved).map(c -> c.timeToResolution().toSeconds())
                .sorted().toList();
        long automated = cases.stream().filter(CaseFacts::automated).count();
        long within1h = seconds.stream().filter(s -> s <= Duration.ofHours(1).toSeconds()).count();
        long within24h = seconds.stream().filter(s -> s <= Duration.ofHours(24).toSeconds()).count();
        long total = cases.size();
        return new Resolution(total, seconds.size(), automated, share(automated, total), within1h, share(within1h, total),
                within24h, share(within24h, total), percentile(seconds, 0.50), percentile(seconds, 0.90),
                percentile(seconds, 0.99), histogram(seconds));
    }

    /**
     * Nearest-rank percentile of ascending values: the smallest value with at least {@code q} of all values at or
     * below it (the {@code ceil(q * n)}-th). Always one of the values, so it is a time some case really took.
     */
    static Long percentile(List<Long> ascending, double q) {
        if (ascending.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * ascending.size());
        return ascending.get(Math.max(rank, 1) - 1);
    }

    static List<Bucket> histogram(List<Long> seconds) {
        long[] counts = new long[HISTOGRAM_BOUNDS.size() + 1];
        for (long s : seconds) {
            int bucket = 0;
            while (bucket < HISTOGRAM_BOUNDS.size() && s > HISTOGRAM_BOUNDS.get(bucket).toSeconds()) {
                bucket++;
            }
            counts[bucket]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new Bucket(i < HISTOGRAM_BOUNDS.size() ? HISTOGRAM_BOUNDS.get(i).toString() : "+Inf", counts[i]));
        }
        return buckets;
    }

    /** Per currency: the cases in it, what was paid in it, per case and per 1,000 of {@code orders} (currency to count). */
    static List<CurrencyCost> cost(List<CaseFacts> cases, Map<String, Long> orders) {
        Set<String> currencies = new TreeSet<>(orders == null ? Set.of() : orders.keySet());
        cases.forEach(c -> currencies.addAll(currenciesOf(c)));
        List<CurrencyCost> costs = new ArrayList<>();
        for (String currency : currencies) {
            long inCurrency = 0;
            long compensated = 0;
            long total = 0;
            for (CaseFacts c : cases) {
                if (!currenciesOf(c).contains(currency)) {
                    continue;
                }
                inCurrency++;
                Long paid = c.paidMinor().get(currency);
                if (paid != null) {
                    compensated++;
                    total += paid;
                }
            }
            long orderCount = orders == null ? 0 : orders.getOrDefault(currency, 0L);
            costs.add(new CurrencyCost(currency, inCurrency, compensated, total, divide(total, inCurrency, 1),
                    orderCount, divide(total, orderCount, 1000)));
        }
        return costs;
    }

    static List<Segment> segments(List<CaseFacts> cases, Function<CaseFacts, String> key,
                                  Function<String, Map<String, Long>> ordersOf) {
        Map<String, List<CaseFacts>> groups = new TreeMap<>(NULLS_LAST);
        cases.forEach(c -> groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
        List<Segment> segments = new ArrayList<>();
        groups.forEach((value, members) -> segments.add(new Segment(value, members.size(),
                members.stream().filter(CaseFacts::resolved).count(),
                members.stream().filter(CaseFacts::automated).count(),
                cost(members, value == null ? Map.of() : ordersOf.apply(value)))));
        return segments;
    }

    static Rate rate(List<CaseFacts> cases, Predicate<CaseFacts> counted) {
        long compensated = cases.stream().filter(CaseFacts::resolved).count();
        long count = cases.stream().filter(CaseFacts::resolved).filter(counted).count();
        return new Rate(compensated, count, share(count, compensated));
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** {@code amount * scale / count} rounded half up to a whole minor unit; null when there is nothing to divide by. */
    static Long divide(long amountMinor, long count, long scale) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(scale))
                .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static Set<String> currenciesOf(CaseFacts c) {
        Set<String> currencies = new TreeSet<>(c.paidMinor().keySet());
        if (c.currency() != null) {
            currencies.add(c.currency());
        }
        return currencies;
    }
}
