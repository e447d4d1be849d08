package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The training rule: what one delivered shipment teaches about remaining transit times. */
public final class TrainingObservations {

    private static final double SECONDS_PER_HOUR = 3600.0;

    /** One tracking scan of the shipment's history. */
    public record Scan(TrackingStatus status, Instant occurredAt) {
        public Scan {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /** The shipment was delivered {@code remainingHours} after it first reached {@code status}. */
    public record Observation(TrackingStatus status, double remainingHours) {
    }

    private TrainingObservations() {
    }

    /**
     * One observation per learnable status the shipment reached, measured from the first time it reached that status
     * (the moment a prediction from that status would first have been made). Scans may come in any order. A status
     * first seen after delivery is skewed carrier data and teaches nothing, so it is left out.
     */
    public static List<Observation> from(List<Scan> scans, Instant deliveredAt) {
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Map<TrackingStatus, Instant> firstReached = new EnumMap<>(TrackingStatus.class);
        for (Scan scan : scans) {
            if (ShipmentStatuses.learnable(scan.status())) {
                firstReached.merge(scan.status(), scan.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Observation> observations = new ArrayList<>(firstReached.size());
        firstReached.forEach((status, reachedAt) -> {
            if (!reachedAt.isAfter(deliveredAt)) {
                double hours = Duration.between(reachedAt, deliveredAt).toMillis() / 1000.0 / SECONDS_PER_HOUR;
                observations.add(new Observation(status, hours));
            }
        });
        return observations;
    }
}
