package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DelayPredictorTest {

    private static final Instant STATUS_AT = Instant.parse("2026-03-02T08:00:00Z");

    /** Data only, so the hand computations below need no prior term. */
    private final DelayPredictor dataOnly = new DelayPredictor(
            new PredictionSettings(PredictionSettings.defaults().priors(), 0, 30));
    private final DelayPredictor withDefaults = new DelayPredictor(PredictionSettings.defaults());

    @Test
    void uniformTenToThirtyHoursIsLateHalfTheTimeWhenThePromiseIsTwentyHoursAway() {
        RemainingHoursSketch sketch = uniform(10, 30, 10_000);

        DelayEstimate estimate = dataOnly.estimate(sketch, 10_000, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(20)).orElseThrow();

        assertThat(estimate.probabilityLate()).isCloseTo(0.5, within(0.01));
        // E[max(0, R - 20)] = P(R > 20) * E[R - 20 | R > 20] = 0.5 * 5 h = 2.5 h, rounded up: 3 h.
        assertThat(estimate.expectedDelayHours()).isEqualTo(3);
        assertThat(estimate.sampleCount()).isEqualTo(10_000);
        assertThat(estimate.fromPrior()).isFalse();
    }

    @Test
    void probabilityAndDelayFollowThePromiseAlongTheDistribution() {
        RemainingHoursSketch sketch = uniform(10, 30, 10_000);

        DelayEstimate fiveHoursAway = dataOnly.estimate(sketch, 10_000, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(5)).orElseThrow();
        DelayEstimate twentyFive = dataOnly.estimate(sketch, 10_000, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(25)).orElseThrow();
        DelayEstimate forty = dataOnly.estimate(sketch, 10_000, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(40)).orElseThrow();

        // Every observation exceeds 5 h: certainly late, on average by 20 - 5 = 15 h.
        assertThat(fiveHoursAway.probabilityLate()).isCloseTo(1, within(1e-9));
        assertThat(fiveHoursAway.expectedDelayHours()).isEqualTo(15);
        // P(R > 25) = 0.25; E[max(0, R - 25)] = 0.25 * 2.5 h = 37.5 min, which is one hour.
        assertThat(twentyFive.probabilityLate()).isCloseTo(0.25, within(0.01));
        assertThat(twentyFive.expectedDelayHours()).isEqualTo(1);
        // No observation comes near 40 h.
        assertThat(forty.probabilityLate()).isCloseTo(0, within(1e-9));
        assertThat(forty.expectedDelayHours()).isZero();
    }

    @Test
    void aPromiseAlreadyBrokenIsCertainlyLate() {
        RemainingHoursSketch sketch = uniform(10, 30, 1000);

        DelayEstimate estimate = dataOnly.estimate(sketch, 1000, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(-6)).orElseThrow();

        assertThat(estimate.probabilityLate()).isEqualTo(1.0);
        // Mean remaining 20 h plus the 6 h already past the promise.
        assertThat(estimate.expectedDelayHours()).isEqualTo(26);
    }

    @Test
    void aColdLaneUsesThePriorAlone() {
        // Default prior from IN_TRANSIT: log-normal, median 30 h, sigma 0.6.
        DelayEstimate estimate = withDefaults.estimate(null, 0, TrackingStatus.IN_TRANSIT, STATUS_AT, hoursLater(30))
                .orElseThrow();

        // The promise sits at the prior's median.
        assertThat(estimate.probabilityLate()).isCloseTo(0.5, within(1e-6));
        // Log-normal: E[max(0, R - m)] = m e^(s^2/2) PHI(s) - m/2 = 30 * (1.19722 * 0.72575 - 0.5) = 11.07 h -> 12 h.
        assertThat(estimate.expectedDelayHours()).isEqualTo(12);
        assertThat(estimate.sampleCount()).isZero();
        assertThat(estimate.fromPrior()).isTrue();
    }

    @Test
    void anEmptyOrMissingSketchIsAColdLane() {
        DelayEstimate fromNull = withDefaults.estimate(null, 0, TrackingStatus.PICKED_UP, STATUS_AT, hoursLater(60))
                .orElseThrow();
        DelayEstimate fromCountZero = withDefaults.estimate(uniform(1, 2, 10), 0, TrackingStatus.PICKED_UP, STATUS_AT,
                hoursLater(60)).orElseThrow();

        assertThat(fromCountZero).isEqualTo(fromNull);
    }

    @Test
    void blendingMovesFromThePriorToTheLaneDataAsSamplesGrow() {
        // Prior from OUT_FOR_DELIVERY: median 4 h, so a promise 20 h away is almost never missed:
        // P_prior(R > 20) = 1 - PHI(ln(5) / 0.6) = 0.0037. This lane's data (30..40 h) always misses it.
        double priorLate = 1 - PredictionSettings.defaults().prior(TrackingStatus.OUT_FOR_DELIVERY).orElseThrow()
                .cdf(20);
        assertThat(priorLate).isCloseTo(0.0037, within(0.0002));

        double previous = -1;
        for (int n : new int[]{0, 5, 20, 29, 30, 200, 2000}) {
            DelayEstimate estimate = withDefaults.estimate(uniform(30, 40, n), n, TrackingStatus.OUT_FOR_DELIVERY,
                    STATUS_AT, hoursLater(20)).orElseThrow();

            // The prior counts as 20 observations: P = (n * 1 + 20 * priorLate) / (n + 20).
            double expected = n == 0 ? priorLate : (n + 20 * priorLate) / (n + 20);
            assertThat(estimate.probabilityLate()).as("n = %d", n).isCloseTo(expected, within(0.005));
            assertThat(estimate.probabilityLate()).as("n = %d", n).isGreaterThan(previous);
            assertThat(estimate.fromPrior()).as("n = %d", n).isEqualTo(n < 30);
            previous = estimate.probabilityLate();
        }
        assertThat(previous).isGreaterThan(0.98);
    }

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class, names = {"DELIVERED", "RETURNED_TO_SENDER", "LOST"})
    void statusesThatEndTheShipmentGiveNoEstimate(TrackingStatus status) {
        assertThat(withDefaults.estimate(uniform(10, 30, 100), 100, status, STATUS_AT, hoursLater(20))).isEmpty();
        assertThat(withDefaults.estimate(null, 0, status, STATUS_AT, hoursLater(20))).isEmpty();
    }

    @Test
    void aStatusWithoutPriorNeedsEnoughLaneData() {
        // DAMAGED has no default prior: nothing to say until the lane has the minimum number of observations.
        assertThat(withDefaults.estimate(null, 0, TrackingStatus.DAMAGED, STATUS_AT, hoursLater(20))).isEmpty();
        assertThat(withDefaults.estimate(uniform(10, 30, 29), 29, TrackingStatus.DAMAGED, STATUS_AT, hoursLater(20)))
                .isEmpty();

        DelayEstimate estimate = withDefaults.estimate(uniform(10, 30, 1000), 1000, TrackingStatus.DAMAGED, STATUS_AT,
                hoursLater(20)).orElseThrow();
        assertThat(estimate.probabilityLate()).isCloseTo(0.5, within(0.01));
        assertThat(estimate.fromPrior()).isFalse();
    }

    @Test
    void settingsDecideThePriorAndItsWeight() {
        PredictionSettings settings = new PredictionSettings(
                Map.of(TrackingStatus.IN_TRANSIT, new PriorTransit(10, 0.3)), 1000, 5);
        DelayPredictor predictor = new DelayPredictor(settings);

        // A heavy prior (1000 pseudo-observations) at median 10 h outweighs 10 observations around 20 h.
        DelayEstimate estimate = predictor.estimate(uniform(19, 21, 10), 10, TrackingStatus.IN_TRANSIT, STATUS_AT,
                hoursLater(15)).orElseThrow();
        assertThat(estimate.probabilityLate()).isLessThan(0.15);
        assertThat(estimate.fromPrior()).isFalse();
        // A status the configuration gives no prior has none.
        assertThat(predictor.estimate(null, 0, TrackingStatus.PICKED_UP, STATUS_AT, hoursLater(15))).isEmpty();
    }

    @Test
    void thePriorsClosedFormAgreesWithItsQuantiles() {
        PriorTransit prior = new PriorTransit(30, 0.6);
        for (double p : new double[]{0.001, 0.02, 0.3, 0.5, 0.7, 0.98, 0.999}) {
            assertThat(prior.cdf(prior.quantile(p))).isCloseTo(p, within(1e-6));
        }
        // E[R] = m e^(s^2/2) when the promise is at the status itself.
        assertThat(prior.expectedExcess(0)).isCloseTo(30 * Math.exp(0.18), within(1e-9));
    }

    private static Instant hoursLater(long hours) {
        return STATUS_AT.plus(Duration.ofHours(hours));
    }

    /** n evenly spaced observations over (from, to): quantiles and CDF are known exactly. */
    static RemainingHoursSketch uniform(double from, double to, int n) {
        RemainingHoursSketch sketch = new RemainingHoursSketch(TransitTimes.DEFAULT_COMPRESSION);
        for (int i = 0; i < n; i++) {
            sketch.add(from + (to - from) * (i + 0.5) / n);
        }
        return sketch;
    }
}
