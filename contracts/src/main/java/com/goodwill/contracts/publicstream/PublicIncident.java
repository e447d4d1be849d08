package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;

import java.time.Instant;

/**
 * An incident opened, escalated or resolved (the CloudEvents type says which), as subscribers see it.
 *
 * @param revision           1 when opened, one more with every later change; a subscriber may drop a revision it has seen
 * @param delayHours         how late the shipment is or is expected to be, where that applies
 * @param delayProbability   for a predicted delay: the estimated probability of missing the promise
 * @param promisedDeliveryBy what the customer was promised, when known
 * @param detectedAt         when the incident was first detected; the envelope's time is when this change was made
 */
public record PublicIncident(
        String incidentId,
        String orderId,
        int revision,
        String shipmentId,
        String carrier,
        IncidentClass incidentClass,
        Severity severity,
        IncidentSource source,
        Long delayHours,
        Double delayProbability,
        Instant expectedDeliveryAt,
        Instant promisedDeliveryBy,
        String customerId,
        String market,
        String channel,
        Money orderValue,
        Instant detectedAt) {
}
