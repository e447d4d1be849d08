package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The detection rules: whether a carrier scan, a due timer or a delay estimate reveals a problem.
 * Plain Java; the caller passes the thresholds of the shipment's lane.
 */
public final class IncidentDetector {

    private IncidentDetector() {
    }

    /**
     * Explicit carrier exceptions, a carrier-announced delay whose revised ETA lies after the promise,
     * and a delivery after the promise.
     */
    public static Optional<Detection> onScan(DetectionThresholds thresholds, String carrier, Instant promisedBy,
                                             TrackingStatus status, Instant occurredAt, Instant revisedEta) {
        return switch (status) {
            case DELAY_ANNOUNCED -> revisedEta == null ? Optional.empty()
                    : lateness(thresholds, promisedBy, revisedEta, IncidentSource.CARRIER,
                    carrier + " announced delivery for " + revisedEta);
            case DELIVERED -> lateness(thresholds, promisedBy, occurredAt, IncidentSource.CARRIER,
                    "Delivered at " + occurredAt);
            case FAILED_ATTEMPT -> explicit(IncidentClass.FAILED_ATTEMPT, Severity.LOW,
                    carrier + " could not deliver (failed attempt)");
            case DAMAGED -> explicit(IncidentClass.DAMAGED, Severity.HIGH, carrier + " reports the parcel damaged");
            case LOST -> explicit(IncidentClass.LOST, Severity.CRITICAL, carrier + " reports the parcel lost");
            case CUSTOMS_HOLD -> explicit(IncidentClass.CUSTOMS_HOLD, Severity.MEDIUM, "The parcel is held in customs");
            case ADDRESS_PROBLEM -> explicit(IncidentClass.ADDRESS_PROBLEM, Severity.MEDIUM,
                    carrier + " cannot deliver to the address");
            case RETURNED_TO_SENDER -> explicit(IncidentClass.RETURNED_TO_SENDER, Severity.HIGH,
                    carrier + " returns the parcel to the sender");
            default -> Optional.empty();
        };
    }

    /** An estimate from the transit-time model whose probability of missing the promise crosses the threshold. */
    public static Optional<Detection> onEstimate(DetectionThresholds thresholds, double probabilityLate,
                                                 long expectedDelayHours, Instant expectedDeliveryAt) {
        if (probabilityLate < thresholds.predictionThreshold() || expectedDelayHours <= 0) {
            return Optional.empty();
        }
        long percent = Math.round(probabilityLate * 100);
        return Optional.of(new Detection(IncidentClass.PREDICTED_DELAY, Severity.LOW, IncidentSource.PREDICTION,
                expectedDelayHours, probabilityLate, expectedDeliveryAt,
                "A delay of about " + expectedDelayHours + " h is likely (" + percent + " %)"));
    }

    /** The order has not shipped within its dispatch window. */
    public static Detection delayedDispatch(DetectionThresholds thresholds) {
        return Detection.of(IncidentClass.DELAYED_DISPATCH, Severity.MEDIUM, IncidentSource.TIMER,
                "Not shipped within " + hours(thresholds.dispatchWithin()) + " h of the order");
    }

    /** The label was made but the carrier never scanned the parcel. */
    public static Detection forgotten(DetectionThresholds thresholds) {
        return Detection.of(IncidentClass.STALLED, Severity.MEDIUM, IncidentSource.TIMER,
                "No carrier scan within " + hours(thresholds.firstScanWithin()) + " h of the label");
    }

    /** The parcel moved, then stopped. */
    public static Detection stalled(DetectionThresholds thresholds, Instant lastScanAt) {
        return Detection.of(IncidentClass.STALLED, Severity.MEDIUM, IncidentSource.TIMER,
                "No carrier scan for " + hours(thresholds.stalledAfter()) + " h since " + lastScanAt);
    }

    public static Detection presumedLost(DetectionThresholds thresholds, Instant lastScanAt) {
        return Detection.of(IncidentClass.LOST, Severity.HIGH, IncidentSource.TIMER,
                "Presumed lost: no carrier scan for " + thresholds.presumedLostAfter().toDays() + " days since " + lastScanAt);
    }

    public static Detection invalidTrackingId(DetectionThresholds thresholds, String carrier, String trackingNumber) {
        return Detection.of(IncidentClass.INVALID_TRACKING_ID, Severity.LOW, IncidentSource.TIMER,
                carrier + " tracking number " + trackingNumber + " matched no order within "
                        + hours(thresholds.invalidTrackingAfter()) + " h");
    }

    private static Optional<Detection> explicit(IncidentClass incidentClass, Severity severity, String reason) {
        return Optional.of(Detection.of(incidentClass, severity, IncidentSource.CARRIER, reason));
    }

    private static Optional<Detection> lateness(DetectionThresholds thresholds, Instant promised, Instant actualOrExpected,
                                                IncidentSource source, String what) {
        Duration late = Duration.between(promised, actualOrExpected);
        if (late.compareTo(thresholds.delayGracePeriod()) <= 0) {
            return Optional.empty();
        }
        // Whole hours, rounded up: 30 minutes late is one hour late to a customer.
        long hours = (late.toMinutes() + 59) / 60;
        Severity severity = late.compareTo(thresholds.highSeverityDelay()) >= 0 ? Severity.HIGH : Severity.MEDIUM;
        return Optional.of(new Detection(IncidentClass.DELAY, severity, source, hours, null, actualOrExpected,
                what + ": " + hours + " h after the promise"));
    }

    private static long hours(Duration duration) {
        return duration.toHours();
    }
}
