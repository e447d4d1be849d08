package com.goodwill.fulfillment.notification;

import java.time.Instant;

/**
 * Whom to tell about an order, from its placement event.
 *
 * @param email          null when the order system gave no address
 * @param language       ISO-639-1, as the order gave it or as configured for its market
 * @param paymentMethod  as the order system names it (card, paypal, invoice, ...): where a refund goes
 * @param name           how the customer wants to be addressed; null when the order gave no name
 */
public record Contact(String orderId, String customerId, String email, String language, String market,
                      String paymentMethod, Instant promisedDeliveryBy, String name) {

    public boolean reachable() {
        return email != null && !email.isBlank();
    }
}
