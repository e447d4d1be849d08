package com.goodwill.decision.policy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The abuse-risk score's weights and limits. Each signal adds its points when its figure reaches {@code atLeast}
 * (or falls {@code below}); the score is the sum, at most 100. A score at or above {@code reviewAtScore}, or a
 * velocity limit exceeded, routes the decision to review with the factors as the reason: it never denies by itself.
 */
public record RiskRules(int reviewAtScore, Threshold claims30d, Threshold claims90d,
                        Threshold claimedValueToSpendPercent, Threshold returnRatePercent, Threshold accountAgeDays,
                        Map<String, Integer> paymentMethods, Threshold sharedAddressAccounts,
                        Threshold sharedPaymentInstrumentAccounts, Velocity velocity) {

    public record Threshold(BigDecimal atLeast, BigDecimal below, int points) {

        boolean hit(BigDecimal value) {
            return value != null && (atLeast == null || value.compareTo(atLeast) >= 0)
                    && (below == null || value.compareTo(below) < 0);
        }
    }

    /** Claims beyond these in the window route to review, whatever the score; each adds its points. */
    public record Velocity(Integer maxClaimsPerCustomer24h, Integer maxClaimsPerAddress30d, int points) {
    }
}
