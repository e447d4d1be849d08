package com.goodwill.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The case the stack tests post: an order placed 24 h ago in DE over the web, paid by card, shipped with DHL 12 h ago
 * and promised in 20 h, whose carrier then announces a delay of 42 h past the promise. Times are around now, within
 * every detection threshold, so that only the announced delay is a problem (the sample policy grants store credit).
 *
 * @param email    the customer's address on the order, or null for none
 * @param language the customer's language on the order, or null for the market's
 * @param delay    how late the carrier announces the parcel, past the promise
 */
record DelayedOrder(String orderId, String customerId, String trackingNumber, long valueMinor, String email,
                    String language, String name, Duration delay, Instant now) {

    static final Duration DELAY_PAST_PROMISE = Duration.ofHours(42);

    static DelayedOrder of(String orderId, String customerId, String trackingNumber, long valueMinor) {
        return new DelayedOrder(orderId, customerId, trackingNumber, valueMinor, null, null, null, DELAY_PAST_PROMISE,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    DelayedOrder reachableAt(String address, String customerLanguage) {
        return new DelayedOrder(orderId, customerId, trackingNumber, valueMinor, address, customerLanguage, name, delay, now);
    }

    /** The same order, placed with the name the customer wants to be addressed by. */
    DelayedOrder named(String customerName) {
        return new DelayedOrder(orderId, customerId, trackingNumber, valueMinor, email, language, customerName, delay, now);
    }

    /** The same order, announced later still (from 72 h the sample policy refunds a share and offers a choice). */
    DelayedOrder delayedBy(Duration pastPromise) {
        return new DelayedOrder(orderId, customerId, trackingNumber, valueMinor, email, language, name, pastPromise, now);
    }

    Instant promised() {
        return now.plus(Duration.ofHours(20));
    }

    /** The order's placement and shipment, as one array for incident-intake's {@code /api/order-events}. */
    String placedAndShipped() {
        String contact = (email == null ? "" : ",\"customerEmail\":\"" + email + "\"")
                + (language == null ? "" : ",\"language\":\"" + language + "\"")
                + (name == null ? "" : ",\"customerName\":\"" + name + "\"");
        return """
                [{"kind":"placed","eventId":"%1$s-placed","orderId":"%1$s","customerId":"%2$s","market":"DE",
                  "channel":"web","paymentMethod":"card","orderValue":{"amountMinor":%3$d,"currency":"EUR"},
                  "promisedDeliveryBy":"%4$s","occurredAt":"%5$s"%6$s},
                 {"kind":"shipped","eventId":"%1$s-shipped","orderId":"%1$s","occurredAt":"%7$s",
                  "shipments":[{"shipmentId":"shp-%1$s","carrier":"DHL","trackingNumber":"%8$s"}]}]
                """.formatted(orderId, customerId, valueMinor, promised(), now.minus(Duration.ofHours(24)), contact,
                now.minus(Duration.ofHours(12)), trackingNumber);
    }

    /** The carrier's scan an hour ago announcing the delay, for incident-intake's {@code /api/carrier-events}. */
    String delayAnnounced() {
        return """
                {"eventId":"%1$s-delay","carrier":"DHL","trackingNumber":"%1$s","status":"DELAY_ANNOUNCED",
                 "occurredAt":"%2$s","location":"Leipzig Hub","revisedEta":"%3$s"}
                """.formatted(trackingNumber, now.minus(Duration.ofHours(1)), promised().plus(delay));
    }
}
