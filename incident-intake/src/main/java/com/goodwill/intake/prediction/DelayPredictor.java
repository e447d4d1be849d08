package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Predicts, from the status a shipment reached and when, how likely it is to miss its promised date and by how much.
 * <p>
 * The remaining time R is a mixture of the lane's learnt distribution (weight: its sample count n) and the configured
 * prior (weight: {@link PredictionSettings#priorWeight()} pseudo-observations), so a cold lane starts at the prior and
 * moves to its own data as deliveries accumulate. Then P(late) = P(R > h) and the expected delay is E[max(0, R - h)],
 * h being the hours from the status to the promise. Both are linear in the distribution, so they are computed per
 * component and blended with the same weights: from the sketch's CDF and quantiles, and from the prior's closed form.
 * <p>
 * The estimate is as of the moment the status was reached: R is not conditioned on the time the shipment has already
 * spent in that status, so a later re-estimate without a new scan gives the same answer.
 */
public final class DelayPredictor {

    /** Quantile points the expected delay is integrated over: numerical resolution, not a business threshold. */
    private static final int QUANTILE_STEPS = 200;
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final PredictionSettings settings;

    public DelayPredictor(PredictionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Looks the lane's sketch up in the model, then as
     * {@link #estimate(RemainingHoursSketch, long, TrackingStatus, Instant, Instant)}.
     */
    public Optional<DelayEstimate> estimate(TransitTimes model, Lane lane, TrackingStatus status, Instant statusAt,
                                            Instant promisedBy) {
        RemainingHoursSketch sketch = model.sketch(lane, status).orElse(null);
        return estimate(sketch, sketch == null ? 0 : sketch.sampleCount(), status, statusAt, promisedBy);
    }

    /**
     * @param sketchOrNull the lane's learnt remaining times from {@code status}, or null for a lane never seen
     * @param sampleCount  the observations in the sketch (stored next to it)
     * @param statusAt     when the shipment reached {@code status}
     * @return empty when the status ends the shipment, or when it has no prior and the lane too few observations
     */
    public Optional<DelayEstimate> estimate(RemainingHoursSketch sketchOrNull, long sampleCount, TrackingStatus status,
                                            Instant statusAt, Instant promisedBy) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusAt, "statusAt");
        Objects.requireNonNull(promisedBy, "promisedBy");
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount must be >= 0: " + sampleCount);
        }
        if (ShipmentStatuses.endsShipment(status)) {
            return Optional.empty();
        }
        long n = sketchOrNull == null ? 0 : sampleCount;
        PriorTransit prior = settings.prior(status).orElse(null);
        if (prior == null && (n == 0 || n < settings.minSamples())) {
            return Optional.empty();
        }

        double dataWeight = n;
        // A lane without data uses the prior alone, even if the prior is configured to weigh nothing against data.
        double priorWeight = prior == null ? 0 : (n == 0 ? 1 : settings.priorWeight());
        double total = dataWeight + priorWeight;
        double headroomHours = Duration.between(statusAt, promisedBy).toMillis() / MILLIS_PER_HOUR;

        double late = 0;
        double excess = 0;
        if (dataWeight > 0) {
            late += dataWeight * (1 - sketchOrNull.cdf(headroomHours));
            excess += dataWeight * expectedExcess(sketchOrNull, headroomHours);
        }
        if (priorWeight > 0) {
            late += priorWeight * (1 - prior.cdf(headroomHours));
            excess += priorWeight * prior.expectedExcess(headroomHours);
        }
        double probabilityLate = Math.min(1, Math.max(0, late / total));
        return Optional.of(new DelayEstimate(probabilityLate, wholeHoursRoundedUp(excess / total), n,
                n < settings.minSamples()));
    }

    /**
     * E[max(0, R - h)] of the learnt distribution = the integral over u in (0, 1) of max(0, Q(u) - h), by the
     * midpoint rule over the sketch's quantiles (exact enough: a sketch's tail ends at its largest observation).
     */
    private static double expectedExcess(RemainingHoursSketch sketch, double headroomHours) {
        double sum = 0;
        for (int i = 0; i < QUANTILE_STEPS; i++) {
            sum += Math.max(0, sketch.quantile((i + 0.5) / QUANTILE_STEPS) - headroomHours);
        }
        return sum / QUANTILE_STEPS;
    }

    /** Like incident detection: to the minute, then up to whole hours (30 minutes late is one hour late). */
    private static long wholeHoursRoundedUp(double hours) {
        long minutes = Math.round(hours * 60);
        return (minutes + 59) / 60;
    }
}
