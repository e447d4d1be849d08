package com.goodwill.fulfillment.execution;

import java.time.Instant;
import java.util.List;

/** The warehouse with its logistics, as the replacement executor needs it. */
public interface Warehouse {

    enum ServiceLevel { STANDARD, EXPRESS }

    record Availability(boolean available, List<String> missing) {
    }

    /** @param outOfStock the SKUs missing when the warehouse refused; empty when it shipped */
    record ShipmentReceipt(String shipmentId, String carrier, String trackingNumber, Instant estimatedDeliveryAt,
                           List<String> outOfStock) {
        public boolean shipped() {
            return outOfStock.isEmpty();
        }
    }

    Availability replacementAvailability(String orderId);

    /** Ships the order's items again; the same key returns the first shipment and ships nothing more. */
    ShipmentReceipt shipReplacement(String orderId, ServiceLevel level, String idempotencyKey);
}
