package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * How much a remedy is worth: a fixed amount per currency or a percentage of the order value (rounded half up to the
 * currency's minor unit), optionally rounded to a step (100 = whole units), then capped per currency. An amount
 * below {@code minMinor} is not worth granting: the candidate yields nothing and a cheaper one is tried.
 *
 * @param percentOfOrder share of the order value in percent (decimals allowed, e.g. 2.5)
 * @param fixedMinor     a fixed amount per currency ({@code *} for any other)
 * @param capMinor       the most the remedy is worth, per currency
 * @param minMinor       the least worth granting, per currency
 * @param roundToMinor   round (half up) to a multiple of this many minor units; never above the cap
 */
public record AmountRule(BigDecimal percentOfOrder, Map<String, Long> fixedMinor, Map<String, Long> capMinor,
                         Map<String, Long> minMinor, Long roundToMinor) {

    /** A remedy that moves no money (an apology, or a non-money instrument without a price tag). */
    public static final AmountRule NONE = new AmountRule(null, Map.of(PerCurrency.ANY, 0L), null, null, null);

    /** The amount and whether the cap cut it down; empty when it falls below the minimum worth granting. */
    public Optional<Amount> amountFor(Money orderValue) {
        String currency = orderValue.currency();
        long amount;
        if (percentOfOrder != null) {
            amount = BigDecimal.valueOf(orderValue.amountMinor()).multiply(percentOfOrder)
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
        } else {
            amount = PerCurrency.of(fixedMinor, currency, 0);
        }
        if (roundToMinor != null && roundToMinor > 1) {
            amount = BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(roundToMinor), 0, RoundingMode.HALF_UP)
                    .longValueExact() * roundToMinor;
        }
        boolean capped = false;
        Long cap = PerCurrency.orNull(capMinor, currency);
        if (cap != null && amount > cap) {
            amount = cap;
            capped = true;
        }
        long min = PerCurrency.of(minMinor, currency, 0);
        if (amount < min) {
            return Optional.empty();
        }
        return Optional.of(new Amount(amount, capped));
    }

    public record Amount(long minor, boolean capped) {
    }
}
