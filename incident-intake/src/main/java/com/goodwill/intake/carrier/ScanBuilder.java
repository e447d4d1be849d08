package com.goodwill.intake.carrier;

import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.kit.ids.DerivedId;

import java.time.Instant;

/**
 * Builds canonical events from an adapter's readings: trims and caps the free-text fields to the
 * contract's sizes and derives the event id when the carrier gives none.
 */
final class ScanBuilder {

    static final int CARRIER_MAX = 32;
    static final int TRACKING_NUMBER_MAX = 64;
    static final int LOCATION_MAX = 200;
    static final int RAW_CODE_MAX = 64;
    static final int RAW_TEXT_MAX = 500;
    static final int EVENT_ID_MAX = 128;

    private ScanBuilder() {
    }

    /**
     * A scan without a carrier-issued id. The id is derived from what identifies the scan and stays
     * the same when the carrier re-sends it; the text is left out because carriers translate it.
     */
    static CarrierEvent scan(String format, String carrier, String trackingNumber, TrackingStatus status,
                             Instant occurredAt, String location, Instant revisedEta, String rawCode, String rawText) {
        String cleanLocation = cap(location, LOCATION_MAX);
        String cleanCode = cap(rawCode, RAW_CODE_MAX);
        String eventId = DerivedId.of(format, carrier, trackingNumber, orEmpty(cleanCode), occurredAt.toString(),
                orEmpty(cleanLocation));
        return new CarrierEvent(eventId, carrier, trackingNumber, status, occurredAt, cleanLocation, revisedEta,
                cleanCode, cap(rawText, RAW_TEXT_MAX));
    }

    /**
     * An identifying value (carrier, tracking number, event id): trimmed, and rejected rather than
     * cut when too long, because a cut identifier would point at another shipment.
     */
    static String identifier(String value, int max, String path) {
        String trimmed = value == null ? null : value.trim();
        if (trimmed == null || trimmed.isEmpty()) {
            throw new CarrierPayloadException(path, "is missing");
        }
        if (trimmed.length() > max) {
            throw new CarrierPayloadException(path, "is longer than " + max + " characters");
        }
        return trimmed;
    }

    /** Trimmed, null when blank, cut to {@code max} characters without splitting a surrogate pair. */
    static String cap(String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() <= max) {
            return trimmed;
        }
        int end = Character.isHighSurrogate(trimmed.charAt(max - 1)) ? max - 1 : max;
        return trimmed.substring(0, end).trim();
    }

    /** The non-blank parts joined by ", ". */
    static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!joined.isEmpty()) {
                    joined.append(", ");
                }
                joined.append(part.trim());
            }
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
