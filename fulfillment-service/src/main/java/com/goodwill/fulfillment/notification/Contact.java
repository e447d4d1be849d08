package com.goodwill.fulfillment.notification;

import java.time.Instant;

/**
 * Whom to tell about an order, from its placement event.
 *
 * @param email          null when the order system gave no address
 * @param language       ISO-639-1, as the order gave it or as configured for its market
 * @param paymentMethod  as the order system names it (card, paypal, invoice, ...): where a refund goes
 */
public record Contact(String orderId, String customerId, String email, String language, String market,
                      String paymentMethod, Instant promisedDeliveryBy) {

    public boolean reachable() {
        return email != null && !email.isBlank();
    }
}
