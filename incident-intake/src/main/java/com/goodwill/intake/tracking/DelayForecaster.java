package com.goodwill.intake.tracking;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.config.IntakeConfig;
import com.goodwill.intake.incident.Detection;
import com.goodwill.intake.incident.DetectionThresholds;
import com.goodwill.intake.incident.IncidentDetector;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.intake.persistence.TrackingEventEntity;
import com.goodwill.intake.persistence.TransitSketchEntity;
import com.goodwill.intake.prediction.DelayEstimate;
import com.goodwill.intake.prediction.DelayPredictor;
import com.goodwill.intake.prediction.Lane;
import com.goodwill.intake.prediction.RemainingHoursSketch;
import com.goodwill.intake.prediction.TrainingObservations;
import com.goodwill.intake.prediction.TransitTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predicted delays: estimates, at each scan, how likely the shipment is to miss its promise from what
 * delivered shipments of its lane taught, and learns from every delivery. The sketches live in PostgreSQL
 * (so every instance learns from every delivery); reads are cached briefly, since one more delivery barely
 * moves a distribution.
 */
@ApplicationScoped
public class DelayForecaster {

    private record Cached(RemainingHoursSketch sketch, long samples, Instant readAt) {
    }

    private final DelayPredictor predictor;
    private final IntakeConfig config;
    private final Clock clock;
    private final Map<TransitSketchEntity.Key, Cached> cache = new ConcurrentHashMap<>();

    public DelayForecaster(IntakeConfig config, Clock clock) {
        this.predictor = new DelayPredictor(config.predictionSettings());
        this.config = config;
        this.clock = clock;
    }

    public static Lane laneOf(ShipmentEntity shipment) {
        return new Lane(shipment.carrier, shipment.originCountry, shipment.destinationCountry, shipment.serviceLevel);
    }

    /** The estimate as of the shipment's current status, if it crosses the lane's prediction threshold. */
    public Optional<Detection> forecast(ShipmentEntity shipment, Instant promisedBy, DetectionThresholds lane) {
        if (!config.prediction().enabled() || shipment.lastEventAt == null) {
            return Optional.empty();
        }
        Optional<DelayEstimate> estimate = estimate(shipment, promisedBy);
        return estimate.flatMap(e -> IncidentDetector.onEstimate(lane, e.probabilityLate(), e.expectedDelayHours(),
                promisedBy.plus(Duration.ofHours(e.expectedDelayHours()))));
    }

    public Optional<DelayEstimate> estimate(ShipmentEntity shipment, Instant promisedBy) {
        Cached learnt = read(new TransitSketchEntity.Key(laneOf(shipment).key(), shipment.status));
        return predictor.estimate(learnt == null ? null : learnt.sketch(), learnt == null ? 0 : learnt.samples(),
                shipment.status, shipment.lastEventAt, promisedBy);
    }

    /** A delivered shipment teaches its lane the remaining time from every status it went through. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learnFrom(ShipmentEntity shipment) {
        List<TrainingObservations.Scan> scans = TrackingEventEntity.<TrackingEventEntity>list("shipmentId", shipment.shipmentId)
                .stream().map(e -> new TrainingObservations.Scan(e.status, e.occurredAt)).toList();
        String lane = laneOf(shipment).key();
        Instant now = clock.instant();
        for (TrainingObservations.Observation observation : TrainingObservations.from(scans, shipment.deliveredAt)) {
            TransitSketchEntity row = TransitSketchEntity.locked(lane, observation.status());
            RemainingHoursSketch sketch;
            if (row == null) {
                row = new TransitSketchEntity();
                row.lane = lane;
                row.status = observation.status();
                sketch = new RemainingHoursSketch(TransitTimes.DEFAULT_COMPRESSION);
            } else {
                sketch = RemainingHoursSketch.fromBytes(row.sketch);
            }
            sketch.add(observation.remainingHours());
            row.sketch = sketch.toBytes();
            row.samples = sketch.sampleCount();
            row.updatedAt = now;
            row.persist();
            cache.remove(new TransitSketchEntity.Key(lane, observation.status()));
        }
    }

    private Cached read(TransitSketchEntity.Key key) {
        if (key.status() == TrackingStatus.UNKNOWN) {
            return null;
        }
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && !cached.readAt().plus(config.prediction().sketchCacheFor()).isBefore(now)
                && !cached.readAt().isAfter(now)) {
            return cached.sketch() == null ? null : cached;
        }
        TransitSketchEntity row = TransitSketchEntity.findById(key);
        Cached fresh = row == null ? new Cached(null, 0, now) : new Cached(RemainingHoursSketch.fromBytes(row.sketch), row.samples, now);
        cache.put(key, fresh);
        return fresh.sketch() == null ? null : fresh;
    }
}
