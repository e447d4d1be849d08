package com.goodwill.contracts;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An amount of money in integer minor units (cents, pence, ...) of an ISO-4217 currency.
 * Never a floating-point number.
 */
public record Money(
        @NotNull @PositiveOrZero Long amountMinor,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }
}
