package com.goodwill.intake.prediction;

import java.util.Locale;

/**
 * The unit transit times are learnt per: who carries a parcel from where to where, and how fast it was paid to go.
 * A missing part becomes {@link #ANY}, so shipments lacking it still share one lane instead of each being cold.
 */
public record Lane(String carrier, String originCountry, String destinationCountry, String serviceLevel) {

    public static final String ANY = "*";
    private static final String SEPARATOR = "|";

    public Lane {
        carrier = normalise(carrier);
        // ISO 3166 codes are case-insensitive; one spelling keeps "de" and "DE" in one lane.
        originCountry = normalise(originCountry).toUpperCase(Locale.ROOT);
        destinationCountry = normalise(destinationCountry).toUpperCase(Locale.ROOT);
        serviceLevel = normalise(serviceLevel);
    }

    /** A stable storage key, e.g. {@code DHL|DE|FR|STANDARD}. */
    public String key() {
        return String.join(SEPARATOR, carrier, originCountry, destinationCountry, serviceLevel);
    }

    private static String normalise(String part) {
        if (part == null || part.isBlank()) {
            return ANY;
        }
        String trimmed = part.trim();
        // The key must stay unambiguous: a part holding the separator could make two lanes share a key.
        if (trimmed.contains(SEPARATOR)) {
            throw new IllegalArgumentException("lane part must not contain '" + SEPARATOR + "': " + part);
        }
        return trimmed;
    }
}
