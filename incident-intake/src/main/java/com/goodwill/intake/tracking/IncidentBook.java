package com.goodwill.intake.tracking;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.intake.incident.Detection;
import com.goodwill.intake.incident.Escalation;
import com.goodwill.intake.incident.IncidentIds;
import com.goodwill.intake.incident.Problems;
import com.goodwill.intake.persistence.IncidentEntity;
import com.goodwill.intake.persistence.IncidentEvidenceEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The incidents and their lives: opens an incident for a new problem, escalates it when the problem gets
 * worse, resolves it when the parcel arrives, and publishes every change through the outbox, in the same
 * transaction as the state that caused it.
 */
@ApplicationScoped
public class IncidentBook {

    private static final Logger LOG = Logger.getLogger(IncidentBook.class);

    /** What an incident is about: a shipment of an order, an order before it ships, or a tracking number alone. */
    public record Subject(OrderEntity order, ShipmentEntity shipment, String carrier, String trackingNumber) {

        public static Subject of(OrderEntity order, ShipmentEntity shipment) {
            return new Subject(order, shipment, shipment.carrier, shipment.trackingNumber);
        }

        public static Subject of(OrderEntity order) {
            return new Subject(order, null, null, null);
        }

        public static Subject unmatched(String carrier, String trackingNumber) {
            return new Subject(null, null, carrier, trackingNumber);
        }

        String incidentId(IncidentClass incidentClass) {
            String problem = Problems.problemOf(incidentClass);
            return order == null
                    ? IncidentIds.incidentId(Subjects.tracking(carrier, trackingNumber), "-", problem)
                    : IncidentIds.incidentId(order.orderId, shipment == null ? "-" : shipment.shipmentId, problem);
        }
    }

    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;

    public IncidentBook(Outbox outbox, Clock clock, MeterRegistry metrics) {
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A detection about a subject, with the event that revealed it. Opens, escalates, or only adds evidence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IncidentLifecycle> report(Subject subject, Detection detection, String evidenceEventId) {
        String incidentId = subject.incidentId(detection.incidentClass());
        IncidentEntity incident = IncidentEntity.lockedById(incidentId);
        Escalation.Standing standing = incident == null ? null
                : new Escalation.Standing(incident.incidentClass, incident.severity, incident.delayHours, incident.lifecycle);
        Optional<IncidentLifecycle> change = Escalation.change(standing, detection);
        Instant now = clock.instant();
        if (incident == null) {
            incident = new IncidentEntity();
            incident.incidentId = incidentId;
            incident.problem = Problems.problemOf(detection.incidentClass());
            incident.orderId = subject.order() == null ? null : subject.order().orderId;
            incident.shipmentId = subject.shipment() == null ? null : subject.shipment().shipmentId;
            incident.carrier = subject.carrier();
            incident.trackingNumber = subject.trackingNumber();
            incident.detectedAt = now;
            incident.revision = 0;
        }
        if (change.isEmpty()) {
            addEvidence(incident, evidenceEventId, now);
            return change;
        }
        incident.severity = Escalation.severity(standing, detection);
        if (standing == null || Problems.stageOf(detection.incidentClass()) >= Problems.stageOf(incident.incidentClass)) {
            incident.incidentClass = detection.incidentClass();
            incident.source = detection.source();
            incident.reason = detection.reason();
            if (detection.delayHours() != null) {
                incident.delayHours = detection.delayHours();
                incident.expectedDeliveryAt = detection.expectedDeliveryAt();
            }
            // A probability belongs to a prediction; an announced or actual delay is a fact.
            incident.delayProbability = detection.delayProbability();
        }
        incident.lifecycle = change.get();
        incident.revision++;
        incident.updatedAt = now;
        incident.persist();
        addEvidence(incident, evidenceEventId, now);
        publish(subject.order(), incident, evidenceEventId);
        return change;
    }

    /** The problem is over; a resolved incident is never reopened. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolve(OrderEntity order, IncidentEntity incident, String evidenceEventId, String reason) {
        if (incident.lifecycle == IncidentLifecycle.RESOLVED) {
            return;
        }
        Instant now = clock.instant();
        incident.lifecycle = IncidentLifecycle.RESOLVED;
        incident.revision++;
        incident.reason = reason;
        incident.resolvedAt = now;
        incident.updatedAt = now;
        addEvidence(incident, evidenceEventId, now);
        publish(order, incident, evidenceEventId);
    }

    /**
     * The parcel arrived. A delay incident ends with the delay that really happened, whatever was announced or
     * predicted before (so the outcome does not depend on the order the carrier's events came in); a prediction
     * that did not come true ends with probability and delay zero.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveDelivered(OrderEntity order, IncidentEntity incident, String deliveryEventId, Instant deliveredAt,
                                 long actualDelayHours) {
        if ("DELAY".equals(incident.problem) && incident.lifecycle != IncidentLifecycle.RESOLVED) {
            incident.delayHours = actualDelayHours;
            incident.expectedDeliveryAt = deliveredAt;
            if (incident.incidentClass == IncidentClass.PREDICTED_DELAY) {
                incident.delayProbability = 0.0;
            }
        }
        resolve(order, incident, deliveryEventId, actualDelayHours > 0
                ? "Delivered at " + deliveredAt + ", " + actualDelayHours + " h after the promise"
                : "Delivered at " + deliveredAt + ", within the promise");
    }

    private static void addEvidence(IncidentEntity incident, String eventId, Instant now) {
        if (eventId == null || IncidentEvidenceEntity.findById(new IncidentEvidenceEntity.Key(incident.incidentId, eventId)) != null) {
            return;
        }
        IncidentEvidenceEntity evidence = new IncidentEvidenceEntity();
        evidence.incidentId = incident.incidentId;
        evidence.eventId = eventId;
        evidence.addedAt = now;
        evidence.persist();
    }

    private void publish(OrderEntity order, IncidentEntity incident, String causeEventId) {
        Incident snapshot = snapshot(order, incident);
        String subject = incident.orderId != null ? incident.orderId : Subjects.tracking(incident.carrier, incident.trackingNumber);
        // The event id derives from incident and revision: replaying the input publishes the same events again.
        String eventId = DerivedId.of("incident", incident.incidentId, Integer.toString(incident.revision));
        outbox.publish(Topics.INCIDENTS, EventCodec.wrap(eventId, incident.lifecycle.cloudEventType(), ShipmentTracker.SOURCE,
                subject, incident.updatedAt, incident.incidentId, causeEventId, snapshot));
        metrics.counter("goodwill.intake.incidents", "lifecycle", incident.lifecycle.name(),
                "class", incident.incidentClass.name(), "source", incident.source.name()).increment();
        LOG.infof("Incident %s %s (revision %d): %s %s on order %s; %s", incident.incidentId, incident.lifecycle,
                incident.revision, incident.severity, incident.incidentClass, incident.orderId, incident.reason);
    }

    public static Incident snapshot(OrderEntity order, IncidentEntity incident) {
        OrderContext context = order == null ? null : new OrderContext(order.customerId, order.market, order.channel,
                order.paymentMethod, Money.of(order.valueMinor, order.currency), order.promisedDeliveryBy);
        return new Incident(incident.incidentId, incident.lifecycle, incident.revision, incident.orderId,
                incident.shipmentId, incident.trackingNumber, incident.carrier, incident.incidentClass, incident.severity,
                incident.source, incident.delayHours, incident.delayProbability, incident.expectedDeliveryAt,
                incident.reason, IncidentEvidenceEntity.of(incident.incidentId), context, incident.detectedAt);
    }
}
