package com.goodwill.contracts.carrier;

/** The canonical tracking taxonomy every carrier's own codes are mapped onto. */
public enum TrackingStatus {
    INFO_RECEIVED,
    PICKED_UP,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    FAILED_ATTEMPT,
    AVAILABLE_FOR_PICKUP,
    DELIVERED,
    DAMAGED,
    LOST,
    CUSTOMS_HOLD,
    ADDRESS_PROBLEM,
    RETURNED_TO_SENDER,
    /** The carrier announced a delay; the event carries the revised ETA. */
    DELAY_ANNOUNCED,
    UNKNOWN
}
