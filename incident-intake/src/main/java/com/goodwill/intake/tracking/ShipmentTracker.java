package com.goodwill.intake.tracking;

import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.contracts.order.Shipment;
import com.goodwill.intake.incident.Detection;
import com.goodwill.intake.incident.DetectionThresholds;
import com.goodwill.intake.incident.IncidentDetector;
import com.goodwill.intake.incident.Problems;
import com.goodwill.intake.incident.ShipmentProgress;
import com.goodwill.intake.incident.ThresholdBook;
import com.goodwill.intake.persistence.DetectionTimerEntity.Kind;
import com.goodwill.intake.persistence.IncidentEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.persistence.PendingOrderEventEntity;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.intake.persistence.TrackingEventEntity;
import com.goodwill.intake.tracking.IncidentBook.Subject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Applies order and carrier events to order and shipment state, keeps the detection timers in step, and
 * reports what the detection rules find to the {@link IncidentBook}. Runs inside the consumer's transaction,
 * so state, processed-event record and outgoing incident events commit together.
 */
@ApplicationScoped
public class ShipmentTracker {

    public static final String SOURCE = "/goodwill/incident-intake";
    private static final Logger LOG = Logger.getLogger(ShipmentTracker.class);

    private final Clock clock;
    private final ThresholdBook thresholds;
    private final IncidentBook incidents;
    private final DetectionTimers timers;
    private final DelayForecaster forecaster;

    public ShipmentTracker(Clock clock, ThresholdBook thresholds, IncidentBook incidents, DetectionTimers timers,
                           DelayForecaster forecaster) {
        this.clock = clock;
        this.thresholds = thresholds;
        this.incidents = incidents;
        this.timers = timers;
        this.forecaster = forecaster;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onOrderEvent(String cloudEventId, OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            OrderEntity order = place(cloudEventId, placed);
            if (order != null) {
                // Events that overtook the placement are applied now, in the order they happened.
                for (PendingOrderEventEntity pending : PendingOrderEventEntity.waitingFor(placed.orderId())) {
                    apply(order, pending.cloudEventId, OrderEventJson.read(pending.payload));
                    pending.delete();
                }
            }
            return;
        }
        OrderEntity order = OrderEntity.locked(event.orderId());
        if (order == null) {
            park(cloudEventId, event);
            return;
        }
        apply(order, cloudEventId, event);
    }

    private void park(String cloudEventId, OrderEvent event) {
        if (PendingOrderEventEntity.findById(event.eventId()) != null) {
            return;
        }
        PendingOrderEventEntity pending = new PendingOrderEventEntity();
        pending.eventId = event.eventId();
        pending.orderId = event.orderId();
        pending.occurredAt = event.occurredAt();
        pending.payload = OrderEventJson.write(event);
        pending.cloudEventId = cloudEventId;
        pending.receivedAt = clock.instant();
        pending.persist();
        LOG.infof("Order event %s for order %s kept until the order is placed", event.eventId(), event.orderId());
    }

    private void apply(OrderEntity order, String cloudEventId, OrderEvent event) {
        if (event instanceof OrderShipped shipped) {
            ship(order, cloudEventId, shipped);
        } else if (event instanceof OrderDelivered) {
            order.status = "DELIVERED";
            timers.cancel(Kind.DISPATCH, order.orderId);
        } else if (event instanceof OrderCancelled) {
            order.status = "CANCELLED";
            timers.cancel(Kind.DISPATCH, order.orderId);
        } else if (event instanceof OrderReturned) {
            order.status = "RETURNED";
        } else if (event instanceof ProblemReported reported) {
            customerReported(order, cloudEventId, reported);
        }
        order.updatedAt = clock.instant();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCarrierEvent(String cloudEventId, CarrierEvent event) {
        String key = event.carrier() + ":" + event.eventId();
        ShipmentEntity.lockTrackingNumber(event.carrier(), event.trackingNumber());
        ShipmentEntity shipment = ShipmentEntity.lockedByTracking(event.carrier(), event.trackingNumber()).orElse(null);
        TrackingEventEntity recorded = new TrackingEventEntity();
        recorded.eventKey = key;
        recorded.carrier = event.carrier();
        recorded.trackingNumber = event.trackingNumber();
        recorded.shipmentId = shipment == null ? null : shipment.shipmentId;
        recorded.status = event.status();
        recorded.occurredAt = event.occurredAt();
        recorded.location = event.location();
        recorded.revisedEta = event.revisedEta();
        recorded.rawCode = event.rawCode();
        recorded.rawText = event.rawText();
        recorded.cloudEventId = cloudEventId;
        recorded.receivedAt = clock.instant();
        // One statement both records the scan and tells a duplicate: the same event id again, or the same scan
        // (tracking number, status, time, location) re-sent under another id, meets a unique key.
        if (!recorded.insertUnlessDuplicate()) {
            LOG.debugf("Carrier event %s is a duplicate", key);
            return;
        }
        if (shipment != null) {
            apply(shipment, recorded);
        } else {
            DetectionThresholds lane = thresholds.forLane(event.carrier(), null);
            timers.setOnce(Kind.UNMATCHED_TRACKING, event.carrier(), event.trackingNumber(),
                    recorded.receivedAt.plus(lane.invalidTrackingAfter()));
            LOG.infof("Carrier event %s for unknown tracking number %s kept until the order ships", key, event.trackingNumber());
        }
    }

    /** Returns null when the order was placed before (a duplicate placement changes nothing). */
    private OrderEntity place(String cloudEventId, OrderPlaced placed) {
        if (OrderEntity.findById(placed.orderId()) != null) {
            return null;
        }
        OrderEntity order = new OrderEntity();
        order.orderId = placed.orderId();
        order.customerId = placed.customerId();
        order.market = placed.market();
        order.channel = placed.channel();
        order.paymentMethod = placed.paymentMethod();
        order.valueMinor = placed.orderValue().amountMinor();
        order.currency = placed.orderValue().currency();
        order.promisedDeliveryBy = placed.promisedDeliveryBy();
        order.placedAt = placed.occurredAt();
        order.placedEventId = cloudEventId;
        order.status = "PLACED";
        order.updatedAt = clock.instant();
        order.persist();
        timers.set(Kind.DISPATCH, order.orderId, null,
                order.placedAt.plus(thresholds.forLane(null, order.market).dispatchWithin()));
        return order;
    }

    private void ship(OrderEntity order, String cloudEventId, OrderShipped shipped) {
        if ("PLACED".equals(order.status)) {
            order.status = "SHIPPED";
        }
        timers.cancel(Kind.DISPATCH, order.orderId);
        IncidentEntity dispatch = IncidentEntity.lockedById(Subject.of(order).incidentId(IncidentClass.DELAYED_DISPATCH));
        if (dispatch != null) {
            incidents.resolve(order, dispatch, cloudEventId, "Shipped at " + shipped.occurredAt());
        }
        // In a stable order, so that two transactions linking the same parcels cannot deadlock.
        List<Shipment> parcels = shipped.shipments().stream()
                .sorted(Comparator.comparing(p -> Subjects.tracking(p.carrier(), p.trackingNumber()))).toList();
        for (Shipment parcel : parcels) {
            if (ShipmentEntity.findById(parcel.shipmentId()) != null) {
                continue;
            }
            ShipmentEntity.lockTrackingNumber(parcel.carrier(), parcel.trackingNumber());
            ShipmentEntity shipment = new ShipmentEntity();
            shipment.shipmentId = parcel.shipmentId();
            shipment.orderId = order.orderId;
            shipment.carrier = parcel.carrier();
            shipment.trackingNumber = parcel.trackingNumber();
            shipment.serviceLevel = parcel.serviceLevel();
            shipment.originCountry = parcel.originCountry();
            shipment.destinationCountry = parcel.destinationCountry() != null ? parcel.destinationCountry() : order.market;
            shipment.shippedAt = shipped.occurredAt();
            shipment.shippedEventId = cloudEventId;
            shipment.status = TrackingStatus.INFO_RECEIVED;
            shipment.updatedAt = clock.instant();
            shipment.persist();
            DetectionThresholds lane = laneOf(shipment);
            timers.set(Kind.FIRST_SCAN, order.orderId, shipment.shipmentId, shipment.shippedAt.plus(lane.firstScanWithin()));
            timers.set(Kind.PRESUMED_LOST, order.orderId, shipment.shipmentId, shipment.shippedAt.plus(lane.presumedLostAfter()));

            // Carrier events that arrived before the order shipped are linked and applied now, oldest first.
            List<TrackingEventEntity> early = TrackingEventEntity.unmatched(parcel.carrier(), parcel.trackingNumber());
            if (!early.isEmpty()) {
                timers.cancel(Kind.UNMATCHED_TRACKING, parcel.carrier() + ":" + parcel.trackingNumber());
                IncidentEntity invalid = IncidentEntity.lockedById(Subject.unmatched(parcel.carrier(), parcel.trackingNumber())
                        .incidentId(IncidentClass.INVALID_TRACKING_ID));
                if (invalid != null) {
                    incidents.resolve(null, invalid, cloudEventId, "Tracking number linked to order " + order.orderId);
                }
            }
            for (TrackingEventEntity event : early) {
                event.shipmentId = shipment.shipmentId;
                apply(shipment, event);
            }
        }
    }

    private void apply(ShipmentEntity shipment, TrackingEventEntity event) {
        OrderEntity order = OrderEntity.findById(shipment.orderId);
        DetectionThresholds lane = laneOf(shipment);
        boolean wasFinal = shipment.lastEventAt != null && ShipmentProgress.isFinal(shipment.status);
        if (wasFinal && !event.occurredAt.isBefore(shipment.lastEventAt)) {
            // A scan after the shipment ended (a late "in transit" after "delivered") is evidence only: it reopens nothing.
            return;
        }
        boolean scan = event.status != TrackingStatus.INFO_RECEIVED;
        boolean firstScan = scan && shipment.firstScanAt == null;
        boolean newestScan = scan && (shipment.lastScanAt == null || !event.occurredAt.isBefore(shipment.lastScanAt));
        if (scan) {
            shipment.firstScanAt = min(shipment.firstScanAt, event.occurredAt);
            shipment.lastScanAt = max(shipment.lastScanAt, event.occurredAt);
        }
        boolean advanced = ShipmentProgress.advances(shipment.lastEventAt == null ? null : shipment.status,
                shipment.lastEventAt, event.status, event.occurredAt);
        if (advanced) {
            shipment.status = event.status;
            shipment.lastEventAt = event.occurredAt;
            if (event.status == TrackingStatus.DELIVERED) {
                shipment.deliveredAt = event.occurredAt;
            }
            if (event.revisedEta != null) {
                shipment.expectedDeliveryAt = event.revisedEta;
            }
        }
        shipment.updatedAt = clock.instant();
        boolean finished = ShipmentProgress.isFinal(shipment.status);
        if (finished) {
            timers.cancelAll(shipment.shipmentId, Kind.FIRST_SCAN, Kind.STALL, Kind.PRESUMED_LOST);
        } else if (newestScan) {
            if (firstScan) {
                timers.cancel(Kind.FIRST_SCAN, shipment.shipmentId);
            }
            timers.setAll(shipment.orderId, shipment.shipmentId, Map.of(
                    Kind.STALL, shipment.lastScanAt.plus(lane.stalledAfter()),
                    Kind.PRESUMED_LOST, shipment.lastScanAt.plus(lane.presumedLostAfter())));
        }

        // An event that happened before the shipment ended still counts, even if it arrives after the end:
        // what the customer went through does not depend on the order the carrier's events arrive in.
        Subject subject = Subject.of(order, shipment);
        IncidentDetector.onScan(lane, shipment.carrier, order.promisedDeliveryBy, event.status, event.occurredAt, event.revisedEta)
                .ifPresent(detection -> incidents.report(subject, detection, event.cloudEventId));
        if (advanced && !finished) {
            forecaster.forecast(shipment, order.promisedDeliveryBy, lane)
                    .ifPresent(detection -> incidents.report(subject, detection, event.cloudEventId));
        }
        if (shipment.status == TrackingStatus.DELIVERED) {
            if (advanced) {
                forecaster.learnFrom(shipment);
            }
            endProblemsOfDelivered(order, shipment, lane, advanced ? event.cloudEventId : deliveryEventOf(shipment));
        }
    }

    /** Delivery ends the problems of the way there (delays, stalls, failed attempts), not those of the parcel itself. */
    private void endProblemsOfDelivered(OrderEntity order, ShipmentEntity shipment, DetectionThresholds lane, String deliveryEventId) {
        long actualDelayHours = IncidentDetector.onScan(lane, shipment.carrier, order.promisedDeliveryBy,
                TrackingStatus.DELIVERED, shipment.deliveredAt, null).map(Detection::delayHours).orElse(0L);
        for (IncidentEntity open : IncidentEntity.openOnShipment(shipment.shipmentId)) {
            if (Problems.endedByDelivery(open.incidentClass)) {
                incidents.resolveDelivered(order, open, deliveryEventId, shipment.deliveredAt, actualDelayHours);
            }
        }
    }

    private static String deliveryEventOf(ShipmentEntity shipment) {
        return TrackingEventEntity.<TrackingEventEntity>find("shipmentId = ?1 and status = ?2 order by occurredAt",
                shipment.shipmentId, TrackingStatus.DELIVERED).firstResult().cloudEventId;
    }

    private void customerReported(OrderEntity order, String cloudEventId, ProblemReported reported) {
        ShipmentEntity shipment = null;
        if (reported.shipmentId() != null) {
            shipment = ShipmentEntity.findById(reported.shipmentId());
            if (shipment == null || !shipment.orderId.equals(order.orderId)) {
                throw new MalformedEventException("shipment " + reported.shipmentId() + " is not a parcel of order " + order.orderId);
            }
        } else {
            List<ShipmentEntity> parcels = ShipmentEntity.ofOrder(order.orderId);
            // With one parcel it is clear which one is meant; otherwise the problem is the order's.
            shipment = parcels.size() == 1 ? parcels.get(0) : null;
        }
        IncidentClass incidentClass = switch (reported.problem()) {
            case DAMAGED -> IncidentClass.DAMAGED;
            case MISSING_ITEM -> IncidentClass.MISSING_ITEM;
            case WRONG_ITEM -> IncidentClass.WRONG_ITEM;
            case NOT_RECEIVED -> IncidentClass.NOT_RECEIVED;
        };
        Severity severity = incidentClass == IncidentClass.MISSING_ITEM || incidentClass == IncidentClass.WRONG_ITEM
                ? Severity.MEDIUM : Severity.HIGH;
        String said = reported.description() == null ? "" : ": \"" + abbreviate(reported.description(), 300) + "\"";
        Detection detection = Detection.of(incidentClass, severity, IncidentSource.CUSTOMER,
                "The customer reports " + reported.problem().name().toLowerCase().replace('_', ' ') + said);
        Subject subject = shipment == null ? Subject.of(order) : Subject.of(order, shipment);
        incidents.report(subject, detection, cloudEventId);
    }

    DetectionThresholds laneOf(ShipmentEntity shipment) {
        return thresholds.forLane(shipment.carrier, shipment.destinationCountry);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
