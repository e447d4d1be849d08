package com.goodwill.contracts.incident;

import com.goodwill.contracts.Money;

import java.time.Instant;

/** The order facts a decision needs, carried on the incident so downstream never reads intake's tables. */
public record OrderContext(
        String customerId,
        String market,
        String channel,
        String paymentMethod,
        Money orderValue,
        Instant promisedDeliveryBy) {
}
