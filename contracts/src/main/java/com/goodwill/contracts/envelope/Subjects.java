package com.goodwill.contracts.envelope;

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
}
