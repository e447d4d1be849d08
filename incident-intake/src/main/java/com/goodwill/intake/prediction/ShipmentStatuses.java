package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.util.EnumSet;
import java.util.Set;

/** Which canonical statuses a remaining-transit-time prediction can start from. */
public final class ShipmentStatuses {

    /** After these the shipment's journey is over: there is no remaining transit time to predict. */
    private static final Set<TrackingStatus> ENDS_SHIPMENT = EnumSet.of(
            TrackingStatus.DELIVERED, TrackingStatus.RETURNED_TO_SENDER, TrackingStatus.LOST);

    private ShipmentStatuses() {
    }

    public static boolean endsShipment(TrackingStatus status) {
        return ENDS_SHIPMENT.contains(status);
    }

    /**
     * Whether remaining times from this status are worth learning: not after the journey ended, and not from UNKNOWN,
     * a carrier code nobody mapped, which says nothing about where the parcel is.
     */
    public static boolean learnable(TrackingStatus status) {
        return !endsShipment(status) && status != TrackingStatus.UNKNOWN;
    }
}
