package com.goodwill.contracts.decision;

import java.time.Instant;

/**
 * A goodwill policy version became the active one for a market, by activation or by rollback. Published by
 * decision-service on the decisions topic, keyed and with subject {@code policy:<market>}.
 *
 * @param market          ISO-3166 alpha-2 market, or {@code *} for the default of every market without its own
 * @param version         the version active from {@code activatedAt} on
 * @param previousVersion the version it replaced; {@code null} for the market's first activation
 * @param activatedBy     who activated (or rolled back)
 */
public record PolicyActivated(
        String market,
        String version,
        String previousVersion,
        String activatedBy,
        Instant activatedAt) {
}
