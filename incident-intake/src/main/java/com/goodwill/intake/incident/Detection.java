package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;

import java.time.Instant;

/**
 * What a detection rule found: the class of problem, how bad, who told us and, for delays, by how much
 * (or how likely) the promise is broken.
 */
public record Detection(IncidentClass incidentClass, Severity severity, IncidentSource source, Long delayHours,
                        Double delayProbability, Instant expectedDeliveryAt, String reason) {

    public static Detection of(IncidentClass incidentClass, Severity severity, IncidentSource source, String reason) {
        return new Detection(incidentClass, severity, source, null, null, null, reason);
    }
}
