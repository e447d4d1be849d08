package com.goodwill.contracts.alert;

import java.time.Instant;

/**
 * A carrier's or a market's incident rate crossed its tolerance limit over a sliding window: incidents opened in the
 * window divided by the orders shipped in it with that carrier, or to that market. Raised by audit-service at most once
 * per dimension value and window; {@code alertId} is derived from them.
 *
 * @param dimension    {@code carrier} or {@code market}
 * @param value        the carrier (e.g. {@code DHL}) or the market (ISO-3166 alpha-2, e.g. {@code DE})
 * @param incidentRate {@code incidents / orders}
 * @param limit        the configured limit the rate exceeded
 * @param windowStart  inclusive
 * @param windowEnd    exclusive
 */
public record ToleranceAlert(
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

    public static final String CARRIER = "carrier";
    public static final String MARKET = "market";
}
