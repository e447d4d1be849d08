package com.goodwill.intake.incident;

import java.time.Duration;

/**
 * Business-tuned thresholds of incident detection for one lane (carrier and destination country).
 *
 * @param delayGracePeriod     lateness that does not count as a delay at all
 * @param highSeverityDelay    a delay at least this long is HIGH severity, below it MEDIUM
 * @param dispatchWithin       an order not shipped this long after placement is a delayed dispatch
 * @param firstScanWithin      a label without a first carrier scan this long is a forgotten parcel (stalled)
 * @param stalledAfter         a parcel in transit without a scan this long is stalled
 * @param presumedLostAfter    a parcel without any scan this long is presumed lost
 * @param invalidTrackingAfter a tracking number matching no order this long is an invalid tracking id
 * @param predictionThreshold  the probability of missing the promise from which a delay is predicted
 */
public record DetectionThresholds(Duration delayGracePeriod, Duration highSeverityDelay, Duration dispatchWithin,
                                  Duration firstScanWithin, Duration stalledAfter, Duration presumedLostAfter,
                                  Duration invalidTrackingAfter, double predictionThreshold) {

    public DetectionThresholds {
        if (predictionThreshold <= 0 || predictionThreshold > 1) {
            throw new IllegalArgumentException("predictionThreshold must be in (0, 1], is " + predictionThreshold);
        }
        if (stalledAfter.compareTo(presumedLostAfter) >= 0) {
            throw new IllegalArgumentException("stalledAfter (" + stalledAfter + ") must be shorter than presumedLostAfter ("
                    + presumedLostAfter + ")");
        }
    }
}
