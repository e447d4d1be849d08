package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.kit.ids.DerivedId;


/** Incident ids derive from what the incident is about, so detecting the same problem twice yields the same id. */
public final class IncidentIds {

    private IncidentIds() {
    }

    public static String incidentId(String orderId, String shipmentId, IncidentClass incidentClass) {
        return DerivedId.of("incident", orderId, shipmentId, incidentClass.name());
    }
}
