package com.goodwill.intake.carrier;

/** A carrier payload that cannot be mapped; {@link #field()} is the JSON path of the culprit. */
public final class CarrierPayloadException extends RuntimeException {

    private final String field;

    /**
     * @param field JSON path inside the payload, e.g. {@code shipments[0].events[2].timestamp}
     *              (empty for the payload as a whole)
     */
    public CarrierPayloadException(String field, String message) {
        super((field == null || field.isEmpty() ? "payload" : field) + ": " + message);
        this.field = field == null ? "" : field;
    }

    public String field() {
        return field;
    }
}
