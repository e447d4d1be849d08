package com.goodwill.contracts.incident;

/** What went wrong with a shipment. One canonical incident per problem per shipment. */
public enum IncidentClass {
    DELAY,
    PREDICTED_DELAY,
    STALLED,
    FAILED_ATTEMPT,
    DAMAGED,
    LOST,
    WRONG_ITEM,
    MISSING_ITEM,
    /** The carrier says delivered, the customer says not received. */
    NOT_RECEIVED,
    CUSTOMS_HOLD,
    ADDRESS_PROBLEM,
    RETURNED_TO_SENDER,
    DELAYED_DISPATCH,
    INVALID_TRACKING_ID
}
