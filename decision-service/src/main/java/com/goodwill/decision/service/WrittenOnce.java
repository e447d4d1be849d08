package com.goodwill.decision.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.envelope.EventCodec;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A decision's case facts and risk assessment go into its row, its event and each of its commands: the same immutable
 * objects, each turned into JSON once per thread and copied as text after. The text is what the event codec's mapper
 * writes for the object, so the columns, events and commands read exactly as if each had been written anew.
 */
final class WrittenOnce {

    /** Per thread, by identity (the objects are immutable records); emptied when full, so it holds a batch's worth. */
    private static final int HELD = 512;
    private static final ThreadLocal<Map<Object, String>> WRITTEN = ThreadLocal.withInitial(IdentityHashMap::new);

    /** The codec's mapper with case facts and risk assessments copied from their first writing. */
    private static final ObjectMapper MAPPER = EventCodec.mapper().copy().registerModule(new SimpleModule("written-once")
            .addSerializer(CaseFacts.class, new Copied<>(CaseFacts.class))
            .addSerializer(RiskAssessment.class, new Copied<>(RiskAssessment.class)));

    private WrittenOnce() {
    }

    /** The value as JSON, as the event codec writes it. */
    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /**
     * An event's payload for the outbox's envelope: written into the envelope's JSON by this mapper, so the case facts
     * and risk in it are copied rather than written again.
     */
    static JsonSerializable payload(Object payload) {
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
                MAPPER.writeValue(gen, payload);
            }

            @Override
            public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                    throws IOException {
                serialize(gen, serializers);
            }
        };
    }

    private static String written(Object value) throws JsonProcessingException {
        Map<Object, String> written = WRITTEN.get();
        String json = written.get(value);
        if (json == null) {
            if (written.size() >= HELD) {
                written.clear();
            }
            json = EventCodec.mapper().writeValueAsString(value);
            written.put(value, json);
        }
        return json;
    }

    private static final class Copied<T> extends StdSerializer<T> {

        Copied(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(written(value));
        }
    }
}
