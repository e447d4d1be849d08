package com.goodwill.contracts.compensation;

import com.goodwill.contracts.decision.Instrument;

import java.time.Instant;

/**
 * A customer gained an entitlement other systems honour: an express upgrade on the next order, or a subscription
 * extension. Published by fulfillment-service on the fulfilment results topic, keyed by order id; also readable
 * over fulfillment-service's REST API.
 *
 * @param quantity   how many: upgrades for EXPRESS_UPGRADE, days for SUBSCRIPTION_EXTENSION
 * @param validUntil when it lapses if unused; null for never
 */
public record EntitlementGranted(
        String entitlementId,
        String commandId,
        String orderId,
        String customerId,
        Instrument instrument,
        int quantity,
        Instant validUntil,
        Instant grantedAt) {
}
