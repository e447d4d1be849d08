package com.goodwill.intake.carrier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.envelope.EventCodec;

import java.util.List;

/**
 * The platform's own shape: one {@link CarrierEvent} as JSON, for carriers (and tools) that already
 * speak it. Checked like the others: required fields present, identifiers within their sizes, free
 * text trimmed and capped.
 */
public final class CanonicalCarrierEvent implements CarrierFormat {

    @Override
    public String name() {
        return "canonical";
    }

    @Override
    public String description() {
        return "One carrier event in the platform's canonical JSON (eventId, carrier, trackingNumber, status, occurredAt, ...)";
    }

    @Override
    public List<CarrierEvent> adapt(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new CarrierPayloadException("", "must be one carrier event as a JSON object");
        }
        CarrierEvent event;
        try {
            event = EventCodec.mapper().treeToValue(payload, CarrierEvent.class);
        } catch (JsonMappingException e) {
            throw new CarrierPayloadException(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CarrierPayloadException("", e.getMessage());
        }
        if (event.status() == null) {
            throw new CarrierPayloadException("status", "is missing");
        }
        if (event.occurredAt() == null) {
            throw new CarrierPayloadException("occurredAt", "is missing");
        }
        return List.of(new CarrierEvent(
                ScanBuilder.identifier(event.eventId(), ScanBuilder.EVENT_ID_MAX, "eventId"),
                ScanBuilder.identifier(event.carrier(), ScanBuilder.CARRIER_MAX, "carrier"),
                ScanBuilder.identifier(event.trackingNumber(), ScanBuilder.TRACKING_NUMBER_MAX, "trackingNumber"),
                event.status(),
                event.occurredAt(),
                ScanBuilder.cap(event.location(), ScanBuilder.LOCATION_MAX),
                event.revisedEta(),
                ScanBuilder.cap(event.rawCode(), ScanBuilder.RAW_CODE_MAX),
                ScanBuilder.cap(event.rawText(), ScanBuilder.RAW_TEXT_MAX)));
    }

    /** Jackson's reference chain as a JSON path ("occurredAt", "items[2]"). */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
