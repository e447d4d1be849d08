package com.goodwill.decision.customer;

import java.time.Instant;

/**
 * What decision-service knows about a customer at the moment of a decision, built from the order events and its own
 * past decisions (never from another service's tables). Money is in minor units of {@code currency}, the currency of
 * the customer's orders (a customer ordering in several currencies is summed per the latest order's currency; the
 * others are left out rather than converted).
 *
 * @param accountSince     when the account was opened (the shop's {@code customerSince}, else the first order seen)
 * @param firstOrderAt     the first order seen; null for none
 * @param lastOrderAt      the latest order seen before the decision; null for none
 * @param orders           orders placed, lifetime
 * @param orders365d       orders placed in the 365 days before the decision
 * @param spendMinor       lifetime order value (cancelled orders excluded)
 * @param spend365dMinor   order value in the 365 days before the decision
 * @param spend90dMinor    order value in the 90 days before the decision
 * @param returns          orders returned, lifetime
 * @param claims30d        goodwill claims (incidents decided with a remedy) in the last 30 days, statutory excluded
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
