package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import org.jboss.logging.Logger;

import java.util.Optional;

/** The fields a decision cannot be made without; an incident lacking one is dead-lettered, not guessed at. */
final class IncidentPayload {

    private static final Logger LOG = Logger.getLogger(IncidentPayload.class);

    private IncidentPayload() {
    }

    /**
     * The incident if it asks for a decision. A tracking number that matches no order asks for none: there is no
     * customer to make good to (it is in the ledger all the same). Whether a resolution asks for one is the
     * DecisionService's call: only when the incident was never decided.
     */
    static Optional<Incident> toDecide(Incident incident) {
        if (incident.orderId() == null && incident.incidentClass() == IncidentClass.INVALID_TRACKING_ID) {
            LOG.infof("Incident %s concerns a tracking number without an order; nobody to compensate", incident.incidentId());
            return Optional.empty();
        }
        return Optional.of(require(incident));
    }

    static Incident require(Incident incident) {
        if (incident.incidentId() == null || incident.orderId() == null || incident.incidentClass() == null) {
            throw new MalformedEventException("incident needs incidentId, orderId and incidentClass");
        }
        if (incident.order() == null || incident.order().customerId() == null || incident.order().orderValue() == null
                || incident.order().orderValue().amountMinor() == null || incident.order().orderValue().currency() == null) {
            throw new MalformedEventException("incident " + incident.incidentId() + " lacks the order context (customer, value)");
        }
        if (incident.order().orderValue().amountMinor() < 0) {
            throw new MalformedEventException("incident " + incident.incidentId() + " has a negative order value");
        }
        try {
            java.util.Currency.getInstance(incident.order().orderValue().currency());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("incident " + incident.incidentId() + " has an unknown currency "
                    + incident.order().orderValue().currency());
        }
        return incident;
    }
}
