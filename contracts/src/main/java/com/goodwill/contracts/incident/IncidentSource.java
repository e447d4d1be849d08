package com.goodwill.contracts.incident;

/** Who told us: the carrier, the customer, the platform's delay prediction, or one of its timers. */
public enum IncidentSource {
    CARRIER,
    CUSTOMER,
    PREDICTION,
    TIMER
}
