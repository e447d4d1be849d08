package com.goodwill.contracts.order;

import com.goodwill.contracts.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record OrderItem(
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Positive Integer quantity,
        @NotNull @Valid Money unitPrice) {
}
