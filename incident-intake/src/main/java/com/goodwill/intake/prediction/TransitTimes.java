package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The learnt distributions of remaining hours to delivery, one sketch per (lane, status). Learns online: every
 * delivered shipment adds one observation per status it reached.
 */
public final class TransitTimes {

    /** t-digest's customary accuracy/size trade-off: about 1 % quantile error in the middle, far less in the tails. */
    public static final double DEFAULT_COMPRESSION = 100;

    /** The (lane, status) a sketch belongs to. */
    public record Key(Lane lane, TrackingStatus status) {
    }

    private final double compression;
    private final Map<Key, RemainingHoursSketch> sketches = new ConcurrentHashMap<>();

    public TransitTimes() {
        this(DEFAULT_COMPRESSION);
    }

    public TransitTimes(double compression) {
        if (!(compression > 0)) {
            throw new IllegalArgumentException("compression must be > 0: " + compression);
        }
        this.compression = compression;
    }

    public void observe(Lane lane, TrackingStatus status, double remainingHours) {
        if (!ShipmentStatuses.learnable(status)) {
            throw new IllegalArgumentException("no remaining transit time is learnt from " + status);
        }
        sketches.computeIfAbsent(new Key(lane, status), key -> new RemainingHoursSketch(compression))
                .add(remainingHours);
    }

    /** Learns from one delivered shipment: see {@link TrainingObservations#from}. */
    public void learnDelivered(Lane lane, List<TrainingObservations.Scan> scans, Instant deliveredAt) {
        for (TrainingObservations.Observation observation : TrainingObservations.from(scans, deliveredAt)) {
            observe(lane, observation.status(), observation.remainingHours());
        }
    }

    public Optional<RemainingHoursSketch> sketch(Lane lane, TrackingStatus status) {
        return Optional.ofNullable(sketches.get(new Key(lane, status)));
    }

    /** Puts back a sketch loaded from storage, replacing whatever was learnt for that (lane, status). */
    public void restore(Lane lane, TrackingStatus status, byte[] sketchBytes) {
        sketches.put(new Key(lane, status), RemainingHoursSketch.fromBytes(sketchBytes));
    }

    /** Visits every sketch, e.g. to write it to storage. */
    public void forEach(BiConsumer<Key, RemainingHoursSketch> visitor) {
        sketches.forEach(visitor);
    }
}
