package com.goodwill.contracts.incident;

import java.time.Instant;
import java.util.List;

/**
 * One canonical problem with one shipment. {@code incidentId} is derived from order, shipment and
 * class, so the same problem detected twice has the same id.
 *
 * @param delayHours how late the shipment is or is expected to be, where that applies
 * @param evidence   ids of the events that led to this incident
 */
public record IncidentDetected(
        String incidentId,
        String orderId,
        String shipmentId,
        String trackingNumber,
        String carrier,
        IncidentClass incidentClass,
        Severity severity,
        IncidentSource source,
        Long delayHours,
        Instant expectedDeliveryAt,
        List<String> evidence,
        OrderContext order,
        Instant detectedAt) {
}
