package com.goodwill.contracts.incident;

import java.time.Instant;
import java.util.List;

/**
 * One canonical problem with one shipment (or, before anything shipped, with one order), as it stands
 * after a change in its life. The same snapshot travels as {@code incident.opened}, {@code .escalated}
 * and {@code .resolved}; {@code lifecycle} and {@code revision} say which change this is.
 * {@code incidentId} is derived from order, shipment and problem, so the same problem detected twice,
 * or getting worse, keeps its id.
 *
 * @param revision         1 when opened, +1 on every later change; consumers may drop a revision they have seen
 * @param orderId          null only for an {@code INVALID_TRACKING_ID} incident whose tracking number matches no order
 * @param delayHours       how late the shipment is or is expected to be, where that applies
 * @param delayProbability for a predicted delay: the estimated probability of missing the promise
 * @param reason           one plain sentence for people (ops, care agents), not for machines
 * @param evidence         ids of the events that led to this incident, oldest first
 * @param order            the order facts a decision needs; null when no order is known
 * @param detectedAt       when the incident was first detected (the envelope's time is when this change was made)
 */
public record Incident(
        String incidentId,
        IncidentLifecycle lifecycle,
        int revision,
        String orderId,
        String shipmentId,
        String trackingNumber,
        String carrier,
        IncidentClass incidentClass,
        Severity severity,
        IncidentSource source,
        Long delayHours,
        Double delayProbability,
        Instant expectedDeliveryAt,
        String reason,
        List<String> evidence,
        OrderContext order,
        Instant detectedAt) {
}
