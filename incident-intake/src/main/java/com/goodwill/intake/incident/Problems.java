package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which incident classes are stages of one problem. A problem that gets worse escalates its incident
 * instead of opening another: a predicted delay becomes an announced or actual delay, a stalled parcel
 * becomes a lost one. A damaged parcel is the same problem whether the carrier or the customer reports it.
 */
public final class Problems {

    /** Problems that end when the parcel is delivered after all. */
    private static final Set<IncidentClass> ENDED_BY_DELIVERY = EnumSet.of(IncidentClass.PREDICTED_DELAY,
            IncidentClass.DELAY, IncidentClass.STALLED, IncidentClass.LOST, IncidentClass.FAILED_ATTEMPT,
            IncidentClass.CUSTOMS_HOLD, IncidentClass.ADDRESS_PROBLEM);

    private Problems() {
    }

    /** The problem a class belongs to; the incident id derives from it. */
    public static String problemOf(IncidentClass incidentClass) {
        return switch (incidentClass) {
            case PREDICTED_DELAY, DELAY -> "DELAY";
            case STALLED, LOST -> "WHEREABOUTS";
            default -> incidentClass.name();
        };
    }

    /** The stage within the problem: a higher stage is worse. */
    public static int stageOf(IncidentClass incidentClass) {
        return switch (incidentClass) {
            case PREDICTED_DELAY, STALLED -> 0;
            default -> 1;
        };
    }

    public static boolean endedByDelivery(IncidentClass incidentClass) {
        return ENDED_BY_DELIVERY.contains(incidentClass);
    }
}
