package com.goodwill.intake.tracking;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.IncidentDetected;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.Shipment;
import com.goodwill.intake.config.IntakeConfig;
import com.goodwill.intake.incident.Detection;
import com.goodwill.intake.incident.IncidentDetector;
import com.goodwill.intake.incident.IncidentIds;
import com.goodwill.intake.incident.ShipmentProgress;
import com.goodwill.intake.persistence.IncidentEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.persistence.PendingOrderEventEntity;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.intake.persistence.TrackingEventEntity;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Applies order and carrier events to the shipment state and opens incidents where the detector
 * finds a broken promise. Runs inside the consumer's transaction, so state, processed-event record
 * and outgoing incident commit together.
 */
@ApplicationScoped
public class ShipmentTracker {

    public static final String SOURCE = "/goodwill/incident-intake";
    private static final Logger LOG = Logger.getLogger(ShipmentTracker.class);

    private final Outbox outbox;
    private final Clock clock;
    private final IncidentDetector detector;

    public ShipmentTracker(Outbox outbox, Clock clock, IntakeConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.detector = new IncidentDetector(config.thresholds());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onOrderEvent(OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            if (place(placed)) {
                // Events that overtook the placement are applied now, in the order they happened.
                for (PendingOrderEventEntity pending : PendingOrderEventEntity.waitingFor(placed.orderId())) {
                    apply(OrderEntity.findById(placed.orderId()), OrderEventJson.read(pending.payload));
                    pending.delete();
                }
            }
            return;
        }
        OrderEntity order = OrderEntity.findById(event.orderId());
        if (order == null) {
            park(event);
            return;
        }
        apply(order, event);
    }

    private void park(OrderEvent event) {
        if (PendingOrderEventEntity.findById(event.eventId()) != null) {
            return;
        }
        PendingOrderEventEntity pending = new PendingOrderEventEntity();
        pending.eventId = event.eventId();
        pending.orderId = event.orderId();
        pending.occurredAt = event.occurredAt();
        pending.payload = OrderEventJson.write(event);
        pending.receivedAt = clock.instant();
        pending.persist();
        LOG.infof("Order event %s for order %s kept until the order is placed", event.eventId(), event.orderId());
    }

    private void apply(OrderEntity order, OrderEvent event) {
        if (event instanceof OrderShipped shipped) {
            ship(order, shipped);
        } else if (event instanceof OrderDelivered) {
            order.status = "DELIVERED";
        } else if (event instanceof OrderCancelled) {
            order.status = "CANCELLED";
        } else if (event instanceof OrderReturned) {
            order.status = "RETURNED";
        }
        order.updatedAt = clock.instant();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCarrierEvent(EventEnvelope envelope, CarrierEvent event) {
        String key = event.carrier() + ":" + event.eventId();
        if (TrackingEventEntity.findById(key) != null || isSameScanAgain(event)) {
            LOG.debugf("Carrier event %s is a duplicate", key);
            return;
        }
        ShipmentEntity shipment = ShipmentEntity.byTracking(event.carrier(), event.trackingNumber()).orElse(null);
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
        recorded.cloudEventId = envelope.id();
        recorded.receivedAt = clock.instant();
        recorded.persist();
        if (shipment != null) {
            apply(shipment, recorded);
        } else {
            LOG.infof("Carrier event %s for unknown tracking number %s kept until the order ships", key, event.trackingNumber());
        }
    }

    private boolean isSameScanAgain(CarrierEvent event) {
        return TrackingEventEntity.count("carrier = ?1 and trackingNumber = ?2 and status = ?3 and occurredAt = ?4 "
                        + "and coalesce(location, '') = ?5",
                event.carrier(), event.trackingNumber(), event.status(), event.occurredAt(),
                event.location() == null ? "" : event.location()) > 0;
    }

    /** Returns false when the order was placed before (a duplicate placement changes nothing). */
    private boolean place(OrderPlaced placed) {
        if (OrderEntity.findById(placed.orderId()) != null) {
            return false;
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
        order.status = "PLACED";
        order.updatedAt = clock.instant();
        order.persist();
        return true;
    }

    private void ship(OrderEntity order, OrderShipped shipped) {
        order.status = "SHIPPED";
        for (Shipment parcel : shipped.shipments()) {
            if (ShipmentEntity.findById(parcel.shipmentId()) != null) {
                continue;
            }
            ShipmentEntity shipment = new ShipmentEntity();
            shipment.shipmentId = parcel.shipmentId();
            shipment.orderId = order.orderId;
            shipment.carrier = parcel.carrier();
            shipment.trackingNumber = parcel.trackingNumber();
            shipment.serviceLevel = parcel.serviceLevel();
            shipment.status = TrackingStatus.INFO_RECEIVED;
            shipment.updatedAt = clock.instant();
            shipment.persist();
            // Carrier events that arrived before the order shipped are linked and applied now, oldest first.
            List<TrackingEventEntity> early = TrackingEventEntity.unmatched(parcel.carrier(), parcel.trackingNumber());
            for (TrackingEventEntity event : early) {
                event.shipmentId = shipment.shipmentId;
                apply(shipment, event);
            }
        }
    }

    private void apply(ShipmentEntity shipment, TrackingEventEntity event) {
        boolean wasFinal = shipment.lastEventAt != null && ShipmentProgress.isFinal(shipment.status);
        if (ShipmentProgress.advances(shipment.lastEventAt == null ? null : shipment.status, shipment.lastEventAt,
                event.status, event.occurredAt)) {
            shipment.status = event.status;
            shipment.lastEventAt = event.occurredAt;
            if (event.status == TrackingStatus.DELIVERED) {
                shipment.deliveredAt = event.occurredAt;
            }
            if (event.revisedEta != null) {
                shipment.expectedDeliveryAt = event.revisedEta;
            }
            shipment.updatedAt = clock.instant();
        }
        if (wasFinal) {
            return;
        }
        OrderEntity order = OrderEntity.findById(shipment.orderId);
        detector.detect(order.promisedDeliveryBy, event.status, event.occurredAt, event.revisedEta)
                .ifPresent(detection -> open(order, shipment, event, detection));
    }

    private void open(OrderEntity order, ShipmentEntity shipment, TrackingEventEntity cause, Detection detection) {
        String incidentId = IncidentIds.incidentId(order.orderId, shipment.shipmentId, detection.incidentClass());
        if (IncidentEntity.findById(incidentId) != null) {
            return;
        }
        Instant now = clock.instant();
        IncidentEntity incident = new IncidentEntity();
        incident.incidentId = incidentId;
        incident.orderId = order.orderId;
        incident.shipmentId = shipment.shipmentId;
        incident.incidentClass = detection.incidentClass();
        incident.severity = detection.severity();
        incident.source = IncidentSource.CARRIER;
        incident.delayHours = detection.delayHours();
        incident.evidence = cause.cloudEventId;
        incident.detectedAt = now;
        incident.persist();

        IncidentDetected detected = new IncidentDetected(incidentId, order.orderId, shipment.shipmentId,
                shipment.trackingNumber, shipment.carrier, detection.incidentClass(), detection.severity(),
                IncidentSource.CARRIER, detection.delayHours(), detection.expectedDeliveryAt(),
                List.of(cause.cloudEventId),
                new OrderContext(order.customerId, order.market, order.channel, order.paymentMethod,
                        Money.of(order.valueMinor, order.currency), order.promisedDeliveryBy),
                now);
        String eventId = DerivedId.of("incident-detected", incidentId);
        outbox.publish(Topics.INCIDENTS, EventCodec.wrap(eventId, EventTypes.INCIDENT_DETECTED, SOURCE,
                order.orderId, now, incidentId, cause.cloudEventId, detected));
        LOG.infof("Incident %s opened: %s of %d h on order %s", incidentId, detection.incidentClass(),
                detection.delayHours(), order.orderId);
    }
}
