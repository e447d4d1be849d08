package com.goodwill.contracts.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * The one place where platform events are turned into JSON and back. Every service uses it, so the
 * envelope rules (required attributes, ISO-8601 UTC time, structured mode) hold everywhere.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Wraps a payload into a new envelope with a random id. */
    public static EventEnvelope wrap(String type, String source, String orderId, Instant time,
                                     String correlationId, String causationId, Object payload) {
        return wrap(UUID.randomUUID().toString(), type, source, orderId, time, correlationId, causationId, payload);
    }

    /**
     * Wraps a payload into an envelope with a caller-chosen id (deterministic ids make re-sends idempotent). The
     * payload is kept as it is and written straight into the envelope's JSON by {@link #toJson}.
     */
    public static EventEnvelope wrap(String id, String type, String source, String orderId, Instant time,
                                     String correlationId, String causationId, Object payload) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, id, source, type, orderId, time,
                EventEnvelope.JSON, correlationId, causationId, payload == null ? null
                        : payload instanceof JsonNode tree ? tree : new EventPayload(payload));
    }

    public static String toJson(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + envelope.id(), e);
        }
    }

    /**
     * Parses and checks a structured-mode CloudEvent.
     *
     * @throws MalformedEventException naming what is wrong
     */
    public static EventEnvelope parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        EventEnvelope envelope;
        try {
            envelope = MAPPER.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvent in JSON: " + e.getOriginalMessage(), e);
        }
        require(EventEnvelope.SPEC_VERSION.equals(envelope.specversion()), "specversion must be 1.0");
        require(notBlank(envelope.id()), "id is required");
        require(notBlank(envelope.source()), "source is required");
        require(notBlank(envelope.type()), "type is required");
        require(notBlank(envelope.subject()), "subject (the order id) is required");
        require(envelope.time() != null, "time is required");
        require(envelope.data() != null && envelope.data().isObject(), "data must be a JSON object");
        return envelope;
    }

    /** Reads the payload of an envelope as the given event type. */
    public static <T> T dataAs(EventEnvelope envelope, Class<T> type) {
        if (envelope.dataAsGiven() instanceof EventPayload payload && type.isInstance(payload.getPojo())) {
            // Wrapped here around an object of that type: no need to write and read it back.
            return type.cast(payload.getPojo());
        }
        try {
            return MAPPER.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + envelope.type() + " is not a valid "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new MalformedEventException(reason);
        }
    }
}
