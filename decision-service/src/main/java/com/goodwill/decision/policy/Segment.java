package com.goodwill.decision.policy;

import com.goodwill.decision.customer.CustomerFigures;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A customer segment defined by the customer's figures; a policy lists segments in order and a customer belongs to
 * the first whose rule holds. Every field of the rule left out holds for everyone.
 *
 * @param memoryAnchor the small unexpected extra customers of this segment get on top of a remedy; null for none
 */
public record Segment(String name, Rule when, RemedyOption memoryAnchor) {

    public boolean contains(CustomerFigures figures, long clvMinor, Instant at) {
        return when == null || when.holds(figures, clvMinor, at);
    }

    /**
     * @param maxDaysSinceLastOrder recency: the latest order at most this many days ago
     * @param minDaysSinceLastOrder recency: the latest order at least this many days ago (lapsing customers)
     * @param minSpend365dMinor     monetary: order value of the last 365 days, per currency
     * @param minClvMinor           the estimated customer lifetime value, per currency
     * @param maxReturnRatePercent  returned orders over orders placed
     */
    public record Rule(Integer minOrders, Integer maxOrders, Integer minOrders365d, Integer maxDaysSinceLastOrder,
                       Integer minDaysSinceLastOrder, Map<String, Long> minSpend365dMinor, Map<String, Long> minClvMinor,
                       Integer minAccountAgeDays, Integer maxAccountAgeDays, Integer maxReturnRatePercent,
                       Integer minClaims90d, Integer maxClaims90d) {

        boolean holds(CustomerFigures f, long clvMinor, Instant at) {
            Long daysSinceLast = f.lastOrderAt() == null ? null : Duration.between(f.lastOrderAt(), at).toDays();
            Long accountAge = f.accountSince() == null ? null : Duration.between(f.accountSince(), at).toDays();
            Long minSpend = PerCurrency.orNull(minSpend365dMinor, f.currency());
            Long minClv = PerCurrency.orNull(minClvMinor, f.currency());
            return (minOrders == null || f.orders() >= minOrders)
                    && (maxOrders == null || f.orders() <= maxOrders)
                    && (minOrders365d == null || f.orders365d() >= minOrders365d)
                    && (maxDaysSinceLastOrder == null || (daysSinceLast != null && daysSinceLast <= maxDaysSinceLastOrder))
                    && (minDaysSinceLastOrder == null || (daysSinceLast != null && daysSinceLast >= minDaysSinceLastOrder))
                    && (minSpend == null || f.spend365dMinor() >= minSpend)
                    && (minClv == null || clvMinor >= minClv)
                    && (minAccountAgeDays == null || (accountAge != null && accountAge >= minAccountAgeDays))
                    && (maxAccountAgeDays == null || accountAge == null || accountAge <= maxAccountAgeDays)
                    && (maxReturnRatePercent == null || f.returnRate() * 100 <= maxReturnRatePercent)
                    && (minClaims90d == null || f.claims90d() >= minClaims90d)
                    && (maxClaims90d == null || f.claims90d() <= maxClaims90d);
        }
    }
}
