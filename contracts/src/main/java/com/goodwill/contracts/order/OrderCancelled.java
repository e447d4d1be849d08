package com.goodwill.contracts.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

public record OrderCancelled(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 64) String orderId,
        @Size(max = 500) String reason,
        @NotNull Instant occurredAt) implements OrderEvent {
}
