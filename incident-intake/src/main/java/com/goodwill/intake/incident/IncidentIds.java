package com.goodwill.intake.incident;

import com.goodwill.kit.ids.DerivedId;


/**
 * Incident ids derive from what the incident is about and which problem it is, so detecting the same
 * problem twice, or the problem getting worse, yields the same id.
 *
 * @param subject  the order id, or the tracking subject for a tracking number that matches no order
 * @param parcel   the shipment id, or "-" for a problem of the whole order
 * @param problem  {@link Problems#problemOf}
 */
public final class IncidentIds {

    private IncidentIds() {
    }

    public static String incidentId(String subject, String parcel, String problem) {
        return DerivedId.of("incident", subject, parcel, problem);
    }
}
