package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Incident ids derive from what the incident is about, so detecting the same problem twice yields the same id. */
public final class IncidentIds {

    private IncidentIds() {
    }

    public static String incidentId(String orderId, String shipmentId, IncidentClass incidentClass) {
        return UUID.nameUUIDFromBytes(("incident|" + orderId + "|" + shipmentId + "|" + incidentClass)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
