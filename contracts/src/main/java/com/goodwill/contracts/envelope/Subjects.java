package com.goodwill.contracts.envelope;

import java.util.Optional;

/**
 * CloudEvents {@code subject} values. A platform event's subject is its order id; a carrier event whose
 * tracking number no order has claimed yet is about that parcel instead, until the order ships.
 */
public final class Subjects {

    /** The subject (and Kafka key) of the ledger's checkpoints: one sequence, in one partition. */
    public static final String LEDGER = "ledger";

    private static final String TRACKING_PREFIX = "tracking:";

    private Subjects() {
    }

    /** The subject (and Kafka key) of a tolerance alert: one story per dimension value, e.g. {@code tolerance:carrier:DHL}. */
    public static String tolerance(String dimension, String value) {
        return "tolerance:" + dimension + ":" + value;
    }

    /** The subject (and Kafka key) of a policy activation: one story per market, e.g. {@code policy:DE} or {@code policy:*}. */
    public static String policy(String market) {
        return "policy:" + market;
    }

    /** The subject of a carrier event that arrived before the order it belongs to shipped. */
    public static String tracking(String carrier, String trackingNumber) {
        return TRACKING_PREFIX + carrier + ":" + trackingNumber;
    }

    /** A parcel named by a tracking subject. */
    public record Parcel(String carrier, String trackingNumber) {
    }

    /** The parcel a {@link #tracking} subject names; empty for any other subject. */
    public static Optional<Parcel> parcelOf(String subject) {
        if (subject == null || !subject.startsWith(TRACKING_PREFIX)) {
            return Optional.empty();
        }
        String parcel = subject.substring(TRACKING_PREFIX.length());
        int colon = parcel.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new Parcel(parcel.substring(0, colon), parcel.substring(colon + 1)));
    }
}
