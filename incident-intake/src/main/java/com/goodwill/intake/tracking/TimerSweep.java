package com.goodwill.intake.tracking;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.config.IntakeConfig;
import com.goodwill.intake.incident.DetectionThresholds;
import com.goodwill.intake.incident.IncidentDetector;
import com.goodwill.intake.incident.ShipmentProgress;
import com.goodwill.intake.incident.ThresholdBook;
import com.goodwill.intake.persistence.DetectionTimerEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.intake.persistence.TrackingEventEntity;
import com.goodwill.intake.tracking.IncidentBook.Subject;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fires due detection timers: delayed dispatch, forgotten and stalled parcels, presumed losses, tracking
 * numbers that never matched an order. Each timer is re-checked against the current state before it
 * reports anything, so a timer that lost a race with a carrier scan fires harmlessly.
 */
@ApplicationScoped
public class TimerSweep {

    private static final Logger LOG = Logger.getLogger(TimerSweep.class);

    private final DetectionTimers timers;
    private final IncidentBook incidents;
    private final ThresholdBook thresholds;
    private final IntakeConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public TimerSweep(DetectionTimers timers, IncidentBook incidents, ThresholdBook thresholds, IntakeConfig config,
                      Clock clock, MeterRegistry metrics) {
        this.timers = timers;
        this.incidents = incidents;
        this.thresholds = thresholds;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${goodwill.intake.timers.every:5s}", delayed = "${goodwill.intake.timers.every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.timers().enabled()) {
            sweep();
        }
    }

    /** Fires every timer due now, a batch per transaction; returns how many fired. */
    public int sweep() {
        int fired = 0;
        int batch;
        do {
            Instant now = clock.instant();
            batch = QuarkusTransaction.requiringNew().call(() -> {
                List<DetectionTimerEntity> due = timers.lockDue(now, config.timers().allowedLateness(), config.timers().batchSize());
                for (DetectionTimerEntity timer : due) {
                    fire(timer, now);
                    timer.delete();
                }
                return due.size();
            });
            fired += batch;
        } while (batch == config.timers().batchSize());
        if (fired > 0) {
            LOG.infof("%d detection timers fired", fired);
        }
        return fired;
    }

    private void fire(DetectionTimerEntity timer, Instant now) {
        metrics.counter("goodwill.intake.timers.fired", "kind", timer.kind.name()).increment();
        switch (timer.kind) {
            case DISPATCH -> {
                OrderEntity order = OrderEntity.locked(timer.orderId);
                if (order != null && "PLACED".equals(order.status)) {
                    incidents.report(Subject.of(order), IncidentDetector.delayedDispatch(
                            thresholds.forLane(null, order.market)), order.placedEventId);
                }
            }
            case FIRST_SCAN, STALL, PRESUMED_LOST -> {
                ShipmentEntity shipment = ShipmentEntity.locked(timer.shipmentId);
                if (shipment == null || (shipment.lastEventAt != null && ShipmentProgress.isFinal(shipment.status))) {
                    return;
                }
                OrderEntity order = OrderEntity.findById(shipment.orderId);
                DetectionThresholds lane = thresholds.forLane(shipment.carrier, shipment.destinationCountry);
                String evidence = lastEvidence(shipment);
                Instant lastSign = shipment.lastScanAt != null ? shipment.lastScanAt : shipment.shippedAt;
                switch (timer.kind) {
                    case FIRST_SCAN -> {
                        if (shipment.firstScanAt == null) {
                            incidents.report(Subject.of(order, shipment), IncidentDetector.forgotten(lane), evidence);
                        }
                    }
                    case STALL -> {
                        if (shipment.lastScanAt != null && !shipment.lastScanAt.plus(lane.stalledAfter()).isAfter(now)
                                && shipment.status != TrackingStatus.AVAILABLE_FOR_PICKUP) {
                            incidents.report(Subject.of(order, shipment), IncidentDetector.stalled(lane, shipment.lastScanAt), evidence);
                        }
                    }
                    default -> {
                        if (!lastSign.plus(lane.presumedLostAfter()).isAfter(now)) {
                            incidents.report(Subject.of(order, shipment), IncidentDetector.presumedLost(lane, lastSign), evidence);
                        }
                    }
                }
            }
            case UNMATCHED_TRACKING -> {
                List<TrackingEventEntity> unmatched = TrackingEventEntity.unmatched(timer.carrier, timer.trackingNumber);
                if (!unmatched.isEmpty() && ShipmentEntity.byTracking(timer.carrier, timer.trackingNumber).isEmpty()) {
                    incidents.report(Subject.unmatched(timer.carrier, timer.trackingNumber),
                            IncidentDetector.invalidTrackingId(thresholds.forLane(timer.carrier, null), timer.carrier,
                                    timer.trackingNumber), unmatched.get(0).cloudEventId);
                }
            }
        }
    }

    private static String lastEvidence(ShipmentEntity shipment) {
        return TrackingEventEntity.<TrackingEventEntity>find("shipmentId = ?1 order by occurredAt desc", shipment.shipmentId)
                .firstResultOptional().map(e -> e.cloudEventId).orElse(shipment.shippedEventId);
    }
}
