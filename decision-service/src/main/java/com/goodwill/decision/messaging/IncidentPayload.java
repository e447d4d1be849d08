package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.incident.IncidentDetected;

/** The fields a decision cannot be made without; an incident lacking one is dead-lettered, not guessed at. */
final class IncidentPayload {

    private IncidentPayload() {
    }

    static IncidentDetected require(IncidentDetected incident) {
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
