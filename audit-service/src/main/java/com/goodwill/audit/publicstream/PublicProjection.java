package com.goodwill.audit.publicstream;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.goodwill.contracts.publicstream.PublicCompensationExecuted;
import com.goodwill.contracts.publicstream.PublicCompensationFailed;
import com.goodwill.contracts.publicstream.PublicCustomerMessageSent;
import com.goodwill.contracts.publicstream.PublicDecision;
import com.goodwill.contracts.publicstream.PublicDecisionReviewed;
import com.goodwill.contracts.publicstream.PublicIncident;
import com.goodwill.contracts.publicstream.PublicLedgerCheckpoint;
import com.goodwill.contracts.publicstream.PublicRemedy;
import com.goodwill.contracts.publicstream.PublicToleranceAlert;
import com.goodwill.kit.ids.DerivedId;

import java.util.List;
import java.util.Optional;

/**
 * Maps an internal platform event to its public form on the public goodwill stream, or to nothing when subscribers
 * have no use for it (order and carrier events, commands, intermediate fulfilment steps, policy activations).
 *
 * <p>What leaves is chosen field by field, never copied wholesale, so a field added to an internal event stays
 * internal until someone decides to publish it: ids and business facts only. Free text a person wrote (incident
 * reasons, decision narratives, review notes, fulfilment details), who reviewed, tracking numbers and executor
 * references (a voucher code is as good as money) stay inside.
 *
 * <p>The public event's id is derived from the internal event's, so projecting the same event twice gives the same
 * event; its causation id is the internal event, its correlation id the incident, its subject the internal subject
 * (the order id; a tolerance alert's and a checkpoint's own subject).
 */
public final class PublicProjection {

    /** The CloudEvents source of every public event. */
    public static final String SOURCE = "/goodwill/audit-service/public-stream";

    private PublicProjection() {
    }

    /**
     * @throws com.goodwill.contracts.envelope.MalformedEventException when the internal event's data does not read as
     *                                                                 its type
     */
    public static Optional<EventEnvelope> project(EventEnvelope internal) {
        return switch (internal.type()) {
            case EventTypes.INCIDENT_OPENED -> incident(internal, EventTypes.PUBLIC_INCIDENT_OPENED);
            case EventTypes.INCIDENT_ESCALATED -> incident(internal, EventTypes.PUBLIC_INCIDENT_ESCALATED);
            case EventTypes.INCIDENT_RESOLVED -> incident(internal, EventTypes.PUBLIC_INCIDENT_RESOLVED);
            case EventTypes.DECISION_MADE -> Optional.of(wrap(internal, EventTypes.PUBLIC_DECISION_MADE,
                    decision(EventCodec.dataAs(internal, DecisionMade.class))));
            case EventTypes.DECISION_REVIEWED -> Optional.of(wrap(internal, EventTypes.PUBLIC_DECISION_REVIEWED,
                    review(EventCodec.dataAs(internal, DecisionReviewed.class))));
            case EventTypes.FULFILMENT_RECORDED -> fulfilment(internal, EventCodec.dataAs(internal, FulfilmentRecorded.class));
            case EventTypes.CUSTOMER_NOTIFIED -> Optional.of(wrap(internal, EventTypes.PUBLIC_CUSTOMER_MESSAGE_SENT,
                    message(EventCodec.dataAs(internal, CustomerNotified.class))));
            case EventTypes.TOLERANCE_ALERT -> Optional.of(wrap(internal, EventTypes.PUBLIC_TOLERANCE_ALERT,
                    alert(EventCodec.dataAs(internal, ToleranceAlert.class))));
            case EventTypes.LEDGER_CHECKPOINT -> Optional.of(wrap(internal, EventTypes.PUBLIC_LEDGER_CHECKPOINT,
                    checkpoint(EventCodec.dataAs(internal, LedgerCheckpoint.class))));
            default -> Optional.empty();
        };
    }

    /** An incident about no order (a tracking number nobody claimed) is not part of any order's public story. */
    private static Optional<EventEnvelope> incident(EventEnvelope internal, String publicType) {
        Incident i = EventCodec.dataAs(internal, Incident.class);
        if (i.orderId() == null) {
            return Optional.empty();
        }
        OrderContext order = i.order();
        PublicIncident incident = new PublicIncident(i.incidentId(), i.orderId(), i.revision(), i.shipmentId(),
                i.carrier(), i.incidentClass(), i.severity(), i.source(), i.delayHours(), i.delayProbability(),
                i.expectedDeliveryAt(), order == null ? null : order.promisedDeliveryBy(),
                order == null ? null : order.customerId(), order == null ? null : order.market(),
                order == null ? null : order.channel(), order == null ? null : order.orderValue(), i.detectedAt());
        return Optional.of(wrap(internal, publicType, incident));
    }

    private static PublicDecision decision(DecisionMade d) {
        var facts = d.facts();
        return new PublicDecision(d.decisionId(), d.incidentId(), d.orderId(), d.customerId(), d.outcome(),
                remedies(d.remedies()), d.tier(), d.policyVersion(), d.reasonCode(), d.costCentre(), d.requiredRole(),
                d.reviewDueAt(), d.statutory(), facts == null ? null : facts.incidentClass(),
                facts == null ? null : facts.market(), facts == null ? null : facts.channel(), d.segment(), d.decidedAt());
    }

    private static PublicDecisionReviewed review(DecisionReviewed r) {
        return new PublicDecisionReviewed(r.decisionId(), r.incidentId(), r.orderId(), r.customerId(), r.action(),
                r.role(), remedies(r.remedies()), r.escalatedTo(), r.reviewedAt());
    }

    /** Only outcomes reach subscribers; RECEIVED and EXECUTING are steps on the way. */
    private static Optional<EventEnvelope> fulfilment(EventEnvelope internal, FulfilmentRecorded f) {
        return switch (f.status()) {
            case SUCCEEDED, FULFILLED_BY_FALLBACK -> Optional.of(wrap(internal, EventTypes.PUBLIC_COMPENSATION_EXECUTED,
                    new PublicCompensationExecuted(f.commandId(), f.decisionId(), f.incidentId(), f.orderId(),
                            f.customerId(), f.instrument(), f.amount(),
                            f.status() == FulfilmentStatus.FULFILLED_BY_FALLBACK,
                            f.recordedAt())));
            case FAILED -> Optional.of(wrap(internal, EventTypes.PUBLIC_COMPENSATION_FAILED,
                    new PublicCompensationFailed(f.commandId(), f.decisionId(), f.incidentId(), f.orderId(),
                            f.customerId(), f.instrument(), f.amount(), f.recordedAt())));
            case RECEIVED, EXECUTING -> Optional.empty();
        };
    }

    private static PublicCustomerMessageSent message(CustomerNotified n) {
        return new PublicCustomerMessageSent(n.messageId(), n.commandId(), n.decisionId(), n.orderId(), n.customerId(),
                n.kind(), n.template(), n.language(), n.channel(), n.sentAt());
    }

    private static PublicToleranceAlert alert(ToleranceAlert a) {
        return new PublicToleranceAlert(a.alertId(), a.dimension(), a.value(), a.incidentRate(), a.limit(), a.incidents(),
                a.orders(), a.windowStart(), a.windowEnd(), a.raisedAt());
    }

    private static PublicLedgerCheckpoint checkpoint(LedgerCheckpoint c) {
        return new PublicLedgerCheckpoint(c.treeSize(), c.rootHash(), c.createdAt(), c.algorithm(), c.keyId(), c.signature());
    }

    private static List<PublicRemedy> remedies(List<Remedy> remedies) {
        return remedies == null ? List.of()
                : remedies.stream().map(r -> new PublicRemedy(r.instrument(), r.amount(), r.validForDays())).toList();
    }

    private static EventEnvelope wrap(EventEnvelope internal, String publicType, Object data) {
        return EventCodec.wrap(publicId(internal), publicType, SOURCE, internal.subject(), internal.time(),
                internal.correlationid(), internal.id(), data);
    }

    /** The public event's id: the same internal event always yields the same public id. */
    public static String publicId(EventEnvelope internal) {
        return DerivedId.of("public", internal.id());
    }
}
