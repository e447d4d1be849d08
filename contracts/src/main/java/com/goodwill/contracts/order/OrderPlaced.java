package com.goodwill.contracts.order;

import com.goodwill.contracts.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** An order was placed with a promise: delivered by {@code promisedDeliveryBy}. */
public record OrderPlaced(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 64) String orderId,
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO-3166 alpha-2 country code") String market,
        @NotBlank @Size(max = 32) String channel,
        @NotBlank @Size(max = 32) String paymentMethod,
        @NotNull @Valid Money orderValue,
        @Size(max = 500) List<@Valid @NotNull OrderItem> items,
        @NotNull Instant promisedDeliveryBy,
        @NotNull Instant occurredAt) implements OrderEvent {
}
