package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a carrier event reveals a broken delivery promise. Plain Java: the rule, nothing else.
 * <ul>
 *     <li>The carrier announces a delay whose revised ETA lies after the promised date.</li>
 *     <li>The shipment is delivered after the promised date.</li>
 * </ul>
 */
public final class IncidentDetector {

    private final DetectionThresholds thresholds;

    public IncidentDetector(DetectionThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Optional<Detection> detect(Instant promisedDeliveryBy, TrackingStatus status, Instant occurredAt,
                                      Instant revisedEta) {
        if (status == TrackingStatus.DELAY_ANNOUNCED && revisedEta != null) {
            return lateness(promisedDeliveryBy, revisedEta);
        }
        if (status == TrackingStatus.DELIVERED) {
            return lateness(promisedDeliveryBy, occurredAt);
        }
        return Optional.empty();
    }

    private Optional<Detection> lateness(Instant promised, Instant actualOrExpected) {
        Duration late = Duration.between(promised, actualOrExpected);
        if (late.compareTo(thresholds.gracePeriod()) <= 0) {
            return Optional.empty();
        }
        // Whole hours, rounded up: 30 minutes late is one hour late to a customer.
        long hours = (late.toMinutes() + 59) / 60;
        Severity severity = late.compareTo(thresholds.highSeverityFrom()) >= 0 ? Severity.HIGH : Severity.MEDIUM;
        return Optional.of(new Detection(IncidentClass.DELAY, severity, hours, actualOrExpected));
    }
}
