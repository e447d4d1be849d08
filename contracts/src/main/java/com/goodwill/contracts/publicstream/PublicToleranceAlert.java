package com.goodwill.contracts.publicstream;

import java.time.Instant;

/**
 * A carrier's or a market's incident rate crossed its tolerance limit over a sliding window; keyed and with subject
 * {@code tolerance:<dimension>:<value>}, not an order id.
 *
 * @param dimension {@code carrier} or {@code market}
 * @param windowStart inclusive
 * @param windowEnd   exclusive
 */
public record PublicToleranceAlert(
        String alertId,
        String dimension,
        String value,
        double incidentRate,
        double limit,
        long incidents,
        long orders,
        Instant windowStart,
        Instant windowEnd,
        Instant raisedAt) {
}
