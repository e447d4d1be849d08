package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;

import java.util.List;

/** One carrier's payload shape, turned into canonical carrier events. */
public interface CarrierFormat {

    /** Lowercase name, used in the REST path {@code /api/carrier-events/{format}}. */
    String name();

    /** One line for error messages and OpenAPI. */
    String description();

    /**
     * Maps every tracking event in the payload. Codes the adapter does not know become
     * {@link com.goodwill.contracts.carrier.TrackingStatus#UNKNOWN} with the raw code kept.
     *
     * @throws CarrierPayloadException naming the JSON path of whatever makes the payload unusable
     */
    List<CarrierEvent> adapt(JsonNode payload);
}
