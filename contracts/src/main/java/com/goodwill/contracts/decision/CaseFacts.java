package com.goodwill.contracts.decision;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;

import java.time.Instant;

/**
 * The facts of the case a decision was made on, carried on the decision and on each of its commands, so that
 * fulfilment can word the customer's message and audit can break figures down without reading other services.
 * Ids and business facts only: no personal data.
 *
 * @param proactive true when the platform noticed the problem before the customer told it (carrier scan,
 *                  timer or prediction); the customer should hear from us before the promised date has passed
 */
public record CaseFacts(
        IncidentClass incidentClass,
        Severity severity,
        IncidentSource source,
        IncidentLifecycle lifecycle,
        Long delayHours,
        Double delayProbability,
        Instant expectedDeliveryAt,
        Instant promisedDeliveryBy,
        String market,
        String channel,
        String carrier,
        String trackingNumber,
        boolean proactive) {
}
