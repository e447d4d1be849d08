package com.goodwill.contracts.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The customer reported a problem with an order (the reactive path), through customer care or the shop.
 * It travels on the order topic, keyed by order id, so it is ordered with the order's other events.
 *
 * @param shipmentId the parcel concerned; null when the customer cannot tell (the order's only parcel is meant)
 * @param skus       the items concerned, for missing or wrong items
 */
public record ProblemReported(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 64) String orderId,
        @Size(max = 64) String shipmentId,
        @NotNull CustomerProblem problem,
        @Size(max = 2000) String description,
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> skus,
        @NotNull Instant occurredAt) implements OrderEvent {
}
