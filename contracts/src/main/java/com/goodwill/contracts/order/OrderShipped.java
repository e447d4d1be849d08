package com.goodwill.contracts.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

public record OrderShipped(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 64) String orderId,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Shipment> shipments,
        @NotNull Instant occurredAt) implements OrderEvent {
}
