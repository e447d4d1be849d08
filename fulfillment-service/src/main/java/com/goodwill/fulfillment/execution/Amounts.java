package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.Money;

import java.math.BigDecimal;
import java.util.Currency;

/** Money as a person reads it in a result's detail: {@code 12.40 EUR}. */
public final class Amounts {

    private Amounts() {
    }

    public static String format(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString() + " " + money.currency();
    }
}
