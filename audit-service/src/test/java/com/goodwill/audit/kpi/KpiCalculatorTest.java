package com.goodwill.audit.kpi;

import com.goodwill.audit.kpi.KpiReport.Bucket;
import com.goodwill.audit.kpi.KpiReport.CurrencyCost;
import com.goodwill.audit.kpi.KpiReport.Resolution;
import com.goodwill.audit.kpi.KpiReport.Segment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPI arithmetic against small cases computed by hand. */
class KpiCalculatorTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = T.plus(Duration.ofDays(7));

    /**
     * Four cases: resolved after 10 min (automatic, 5.00 EUR, reopened later), after 2 h (automatic, 3.00 EUR, the
     * customer ordered again), after 30 h (a person decided, 10.00 GBP), and one not resolved (EUR).
     */
    private static final List<CaseFacts> CASES = List.of(
            new CaseFacts("i1", "o1", "c1", "DHL", "DE", "web", "EUR", "R1", T, T.plus(Duration.ofMinutes(10)), true,
                    Map.of("EUR", 500L), true, false),
            new CaseFacts("i2", "o2", "c2", "DHL", "DE", "app", "EUR", "R1", T, T.plus(Duration.ofHours(2)), true,
                    Map.of("EUR", 300L), false, true),
            new CaseFacts("i3", "o3", "c3", "UPS", "GB", "web", "GBP", "R2", T, T.plus(Duration.ofHours(30)), false,
                    Map.of("GBP", 1000L), false, false),
            new CaseFacts("i4", "o4", "c4", "UPS", "DE", "web", "EUR", "R2", T, null, true, Map.of(), false, false));

    /** 8 EUR orders (5 shipped with DHL, 3 with UPS), 3 GBP orders (UPS), 2 CHF orders without any case. */
    private static final OrderCounts ORDERS = new OrderCounts(
            Map.of("EUR", 8L, "GBP", 3L, "CHF", 2L),
            Map.of("DHL", Map.of("EUR", 5L), "UPS", Map.of("EUR", 3L, "GBP", 3L)),
            Map.of("DE", Map.of("EUR", 8L), "GB", Map.of("GBP", 3L), "CH", Map.of("CHF", 2L)),
            Map.of("web", Map.of("EUR", 6L, "GBP", 3L, "CHF", 2L), "app", Map.of("EUR", 2L)));

    @Test
    void resolutionTimesGiveNearestRankPercentilesSharesOfAllCasesAndAHistogram() {
        Resolution resolution = KpiCalculator.report(T, TO, CASES, ORDERS).resolution();

        assertThat(resolution.cases()).isEqualTo(4);
        assertThat(resolution.resolved()).isEqualTo(3);
        // Resolved: 600 s, 7,200 s, 108,000 s. p50 is the 2nd (ceil(1.5)), p90 and p99 the 3rd.
        assertThat(resolution.p50Seconds()).isEqualTo(7_200);
        assertThat(resolution.p90Seconds()).isEqualTo(108_000);
        assertThat(resolution.p99Seconds()).isEqualTo(108_000);
        assertThat(resolution.automated()).isEqualTo(2);
        assertThat(resolution.automatedShare()).isEqualTo(0.5);
        assertThat(resolution.resolvedWithin1h()).isEqualTo(1);
        assertThat(resolution.resolvedWithin1hShare()).isEqualTo(0.25);
        assertThat(resolution.resolvedWithin24h()).isEqualTo(2);
        assertThat(resolution.resolvedWithin24hShare()).isEqualTo(0.5);
        assertThat(resolution.histogram()).containsExactly(new Bucket("PT1M", 0), new Bucket("PT5M", 0),
                new Bucket("PT15M", 1), new Bucket("PT1H", 0), new Bucket("PT4H", 1), new Bucket("PT24H", 0),
                new Bucket("PT72H", 1), new Bucket("PT168H", 0), new Bucket("+Inf", 0));
    }

    @Test
    void moneyStaysPerCurrencyPerCaseAndPerThousandOrders() {
        List<CurrencyCost> cost = KpiCalculator.report(T, TO, CASES, ORDERS).cost();

        assertThat(cost).containsExactly(
                // No case in CHF: nothing per case, nothing paid per 1,000 orders.
                new CurrencyCost("CHF", 0, 0, 0, null, 2, 0L),
                // 800 over 3 cases = 266.67 -> 267; 800 * 1000 / 8 orders = 100,000.
                new CurrencyCost("EUR", 3, 2, 800, 267L, 8, 100_000L),
                // 1,000 * 1000 / 3 = 333,333.33 -> 333,333.
                new CurrencyCost("GBP", 1, 1, 1000, 1000L, 3, 333_333L));
    }

    @Test
    void breakdownsSetEachSegmentsGoodwillAgainstItsOwnOrders() {
        KpiReport.Breakdown breakdown = KpiCalculator.report(T, TO, CASES, ORDERS).breakdown();

        assertThat(breakdown.carrier()).containsExactly(
                new Segment("DHL", 2, 2, 2, List.of(new CurrencyCost("EUR", 2, 2, 800, 400L, 5, 160_000L))),
                new Segment("UPS", 2, 1, 0, List.of(new CurrencyCost("EUR", 1, 0, 0, 0L, 3, 0L),
                        new CurrencyCost("GBP", 1, 1, 1000, 1000L, 3, 333_333L))));
        // A reason code's goodwill is set against all orders of the currency.
        assertThat(breakdown.reasonCode()).extracting(Segment::value).containsExactly("R1", "R2");
        assertThat(breakdown.reasonCode().get(0).cost()).containsExactly(new CurrencyCost("CHF", 0, 0, 0, null, 2, 0L),
                new CurrencyCost("EUR", 2, 2, 800, 400L, 8, 100_000L), new CurrencyCost("GBP", 0, 0, 0, null, 3, 0L));
        assertThat(breakdown.market()).extracting(Segment::value, Segment::cases).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DE", 3L), org.assertj.core.groups.Tuple.tuple("GB", 1L));
        assertThat(breakdown.market().get(0).cost()).containsExactly(new CurrencyCost("EUR", 3, 2, 800, 267L, 8, 100_000L));
        assertThat(breakdown.channel()).extracting(Segment::value).containsExactly("app", "web");
        assertThat(breakdown.channel().get(0).cost()).containsExactly(new CurrencyCost("EUR", 1, 1, 300, 300L, 2, 150_000L));
    }

    @Test
    void reopenAndRepurchaseAreSharesOfTheCompensatedCases() {
        KpiReport report = KpiCalculator.report(T, TO, CASES, ORDERS);

        assertThat(report.reopen()).isEqualTo(new KpiReport.Rate(3, 1, 1.0 / 3));
        assertThat(report.repurchase()).isEqualTo(new KpiReport.Rate(3, 1, 1.0 / 3));
    }

    @Test
    void noCasesGiveZeroCountsAndNoShares() {
        KpiReport report = KpiCalculator.report(T, TO, List.of(), OrderCounts.NONE);

        assertThat(report.resolution().cases()).isZero();
        assertThat(report.resolution().automatedShare()).isNull();
        assertThat(report.resolution().p50Seconds()).isNull();
        assertThat(report.cost()).isEmpty();
        assertThat(report.reopen()).isEqualTo(new KpiReport.Rate(0, 0, null));
    }

    @Test
    void segmentWithoutAValueIsKeptLast() {
        CaseFacts undecided = new CaseFacts("i5", "o5", "c5", "DHL", "DE", "web", "EUR", null, T, null, false, Map.of(),
                false, false);
        List<Segment> reasons = KpiCalculator.report(T, TO, List.of(undecided, CASES.get(0)), ORDERS).breakdown().reasonCode();

        assertThat(reasons).extracting(Segment::value).containsExactly("R1", null);
    }

    @Test
    void nearestRankPercentileIsAlwaysOneOfTheValues() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(KpiCalculator.percentile(hundred, 0.50)).isEqualTo(50);
        assertThat(KpiCalculator.percentile(hundred, 0.90)).isEqualTo(90);
        assertThat(KpiCalculator.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(KpiCalculator.percentile(List.of(42L), 0.99)).isEqualTo(42);
        assertThat(KpiCalculator.percentile(List.of(1L, 2L), 0.50)).isEqualTo(1);
    }

    @Test
    void averagesRoundHalfUpToWholeMinorUnits() {
        assertThat(KpiCalculator.divide(5, 2, 1)).isEqualTo(3);
        assertThat(KpiCalculator.divide(4, 3, 1)).isEqualTo(1);
        assertThat(KpiCalculator.divide(1, 3, 1000)).isEqualTo(333);
        assertThat(KpiCalculator.divide(7, 0, 1000)).isNull();
    }

    @Test
    void compensationRecordedBeforeTheIncidentCountsAsImmediate() {
        CaseFacts early = new CaseFacts("i6", "o6", "c6", "DHL", "DE", "web", "EUR", "R1", T, T.minusSeconds(5), true,
                Map.of("EUR", 100L), false, false);
        assertThat(early.timeToResolution()).isEqualTo(Duration.ZERO);
    }
}
