package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;

import java.time.Instant;

/** What the detector found: the class of problem, how bad, and by how much the promise is broken. */
public record Detection(IncidentClass incidentClass, Severity severity, long delayHours, Instant expectedDeliveryAt) {
}
