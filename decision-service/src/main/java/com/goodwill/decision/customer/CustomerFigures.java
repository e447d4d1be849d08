package com.goodwill.decision.customer;

import java.time.Instant;

/**
 * What decision-service knows about a customer at the moment of a decision, built from the order events and its own
 * past decisions (never from another service's tables). Every figure is as of that moment: an order counts from its
 * placement, a cancellation or return from when it happened, a claim from when it was granted; the windows (24 h,
 * 30, 90, 365 days) end at the moment. Money is in minor units of {@code currency}, the currency asked for (normally
 * the incident's order's): orders in other currencies count as orders but are left out of the sums rather than
 * converted.
 *
 * @param accountSince     when the account was opened (the shop's {@code customerSince}, else the first order seen,
 *                         cancelled or not); null for a customer never seen
 * @param firstOrderAt     the first order placed and not cancelled; null for none
 * @param lastOrderAt      the latest order placed and not cancelled (recency); null for none
 * @param orders           orders placed and not cancelled, lifetime
 * @param orders365d       likewise, in the 365 days before the moment
 * @param spendMinor       lifetime order value (cancelled orders excluded; returned ones included, see {@code returns})
 * @param spend365dMinor   order value in the 365 days before the moment
 * @param spend90dMinor    order value in the 90 days before the moment
 * @param returns          orders returned, lifetime
 * @param claims30d        goodwill claims (decisions that granted goodwill) in the last 30 days, statutory excluded
 * @param claims90d        likewise in the last 90 days
 * @param claimedValue90dMinor goodwill granted in the last 90 days, statutory excluded
 * @param goodwillLifetimeMinor goodwill granted, lifetime, statutory excluded
 */
public record CustomerFigures(
        String customerId,
        String currency,
        Instant accountSince,
        Instant firstOrderAt,
        Instant lastOrderAt,
        int orders,
        int orders365d,
        long spendMinor,
        long spend365dMinor,
        long spend90dMinor,
        int returns,
        int claims30d,
        int claims90d,
        long claimedValue90dMinor,
        long goodwillLifetimeMinor) {

    /** A customer the service has never seen an order of. */
    public static CustomerFigures unknown(String customerId, String currency) {
        return new CustomerFigures(customerId, currency, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Returned orders over orders placed; 0 for a customer without orders. */
    public double returnRate() {
        return orders == 0 ? 0.0 : (double) returns / orders;
    }
}
