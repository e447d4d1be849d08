package com.goodwill.deploy;

import com.goodwill.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BucketHistogramTest {

    /** As Micrometer's Prometheus registry writes a timer with buckets (and client-side quantiles beside them). */
    private static final String BEFORE = """
            # HELP goodwill_decision_duration_seconds Time from the consumer receiving an incident record
            # TYPE goodwill_decision_duration_seconds histogram
            goodwill_decision_duration_seconds{quantile="0.99",} 0.048
            goodwill_decision_duration_seconds_bucket{le="0.005",} 50.0
            goodwill_decision_duration_seconds_bucket{le="0.01",} 100.0
            goodwill_decision_duration_seconds_bucket{le="0.02",} 200.0
            goodwill_decision_duration_seconds_bucket{le="0.05",} 290.0
            goodwill_decision_duration_seconds_bucket{le="+Inf",} 300.0
            goodwill_decision_duration_seconds_count 300.0
            goodwill_decision_duration_seconds_sum 4.2
            goodwill_decision_since_polled_seconds_bucket{le="0.02",} 7.0
            goodwill_decision_since_polled_seconds_bucket{le="+Inf",} 9.0
            """;

    private static final String AFTER = """
            goodwill_decision_duration_seconds_bucket{le="0.005",} 100.0
            goodwill_decision_duration_seconds_bucket{le="0.01",} 400.0
            goodwill_decision_duration_seconds_bucket{le="0.02",} 900.0
            goodwill_decision_duration_seconds_bucket{le="0.05",} 990.0
            goodwill_decision_duration_seconds_bucket{le="+Inf",} 1000.0
            """;

    private static final String NAME = "goodwill_decision_duration_seconds";

    @Test
    void quantilesInterpolateWithinTheBucketAsHistogramQuantileDoes() {
        BucketHistogram h = BucketHistogram.of(PrometheusText.parse(AFTER), NAME);

        assertThat(h.count()).isEqualTo(1000);
        // p50: rank 500 lies in (0.01, 0.02], 100 of its 500 records into it: 0.01 + 0.01 x 100/500.
        assertThat(h.quantile(0.5)).isCloseTo(0.012, within(1e-12));
        // p95: rank 950 in (0.02, 0.05], 50 of 90: 0.02 + 0.03 x 50/90.
        assertThat(h.quantile(0.95)).isCloseTo(0.02 + 0.03 * 50 / 90, within(1e-12));
        // p99: rank 990 is the last record of (0.02, 0.05]: its upper bound.
        assertThat(h.quantile(0.99)).isCloseTo(0.05, within(1e-12));
        // p99.9: rank 999 is in +Inf: the highest finite bound, as Prometheus answers.
        assertThat(h.quantile(0.999)).isCloseTo(0.05, within(1e-12));
        assertThat(h.quantileBound(0.95)).isEqualTo(0.05);
        assertThat(h.quantileBound(0.5)).isEqualTo(0.02);
        assertThat(h.shareAtMost(0.02)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void theDifferenceOfTwoScrapesHoldsOnlyTheRecordsInBetween() {
        BucketHistogram round = BucketHistogram.of(PrometheusText.parse(AFTER), NAME).since(BucketHistogram.of(PrometheusText.parse(BEFORE), NAME));

        // 700 records: 50 up to 5 ms, 250 more up to 10 ms, 400 more up to 20 ms, none above.
        assertThat(round.count()).isEqualTo(700);
        assertThat(round.shareAtMost(0.020)).isEqualTo(1.0);
        // p99: rank 693 in (0.01, 0.02], which holds 400 records after 300: 0.01 + 0.01 x 393/400.
        assertThat(round.quantile(0.99)).isCloseTo(0.019825, within(1e-12));
        assertThat(round.quantile(0.5)).isCloseTo(0.01 + 0.01 * 50 / 400, within(1e-12));
        // The whole history would say otherwise: 90 % within 20 ms, p99 at 50 ms.
        assertThat(BucketHistogram.of(PrometheusText.parse(AFTER), NAME).quantile(0.99)).isGreaterThan(0.02);
    }

    @Test
    void anotherHistogramOnThePageIsNotMixedIn() {
        BucketHistogram polled = BucketHistogram.of(PrometheusText.parse(BEFORE), "goodwill_decision_since_polled_seconds");

        assertThat(polled.count()).isEqualTo(9);
        assertThat(polled.shareAtMost(0.02)).isCloseTo(7.0 / 9, within(1e-12));
        assertThat(BucketHistogram.of(PrometheusText.parse(BEFORE), "goodwill_missing_seconds").count()).isZero();
        assertThat(BucketHistogram.of(PrometheusText.parse(BEFORE), "goodwill_missing_seconds").quantile(0.99)).isNaN();
    }

    @Test
    void theShareIsOnlyAnsweredAtABucketBound() {
        BucketHistogram h = BucketHistogram.of(PrometheusText.parse(AFTER), NAME);

        assertThatThrownBy(() -> h.shareAtMost(0.015)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket ends at 0.015");
    }

    @Test
    void aLaterScrapeWithFewerRecordsIsRefused() {
        assertThatThrownBy(() -> BucketHistogram.of(PrometheusText.parse(BEFORE), NAME).since(BucketHistogram.of(PrometheusText.parse(AFTER), NAME)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("restart");
    }
}
