package com.goodwill.decision.policy;

import java.util.Map;

/**
 * Money thresholds of a policy are given per ISO-4217 currency in minor units, with {@code *} for every currency not
 * listed ({@code {"EUR": 2000, "*": 2000}}): an amount never silently changes currency.
 */
public final class PerCurrency {

    public static final String ANY = "*";

    private PerCurrency() {
    }

    /** The value for the currency, else the {@code *} value, else {@code fallback}. */
    public static long of(Map<String, Long> values, String currency, long fallback) {
        if (values == null) {
            return fallback;
        }
        Long value = values.get(currency);
        if (value == null) {
            value = values.get(ANY);
        }
        return value == null ? fallback : value;
    }

    /** Null when neither the currency nor {@code *} is listed: the condition does not apply in that currency. */
    public static Long orNull(Map<String, Long> values, String currency) {
        if (values == null) {
            return null;
        }
        Long value = values.get(currency);
        return value != null ? value : values.get(ANY);
    }
}
