package com.goodwill.contracts.incident;

/** Who told us: the carrier, the customer, or the platform's own detection (timers, predictions). */
public enum IncidentSource {
    CARRIER,
    CUSTOMER,
    DETECTION
}
