package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a carrier event moves a shipment's state. Carriers re-send and reorder events; a shipment
 * must never move backwards: an older event is recorded as evidence but changes nothing, and a
 * finished shipment (delivered, returned to sender) is never reopened by a late scan. A parcel the carrier
 * declared lost is not finished: lost parcels turn up, and the scan that finds one must count.
 */
public final class ShipmentProgress {

    private static final Set<TrackingStatus> FINAL = EnumSet.of(
            TrackingStatus.DELIVERED, TrackingStatus.RETURNED_TO_SENDER);

    private ShipmentProgress() {
    }

    public static boolean isFinal(TrackingStatus status) {
        return FINAL.contains(status);
    }

    /**
     * @param current     the shipment's status now (null before its first scan)
     * @param lastEventAt when the event behind the current status happened (null before its first scan)
     */
    public static boolean advances(TrackingStatus current, Instant lastEventAt, TrackingStatus next, Instant occurredAt) {
        if (current == null || lastEventAt == null) {
            return true;
        }
        if (isFinal(current)) {
            return false;
        }
        return !occurredAt.isBefore(lastEventAt);
    }
}
