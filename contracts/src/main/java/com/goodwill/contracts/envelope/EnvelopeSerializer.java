package com.goodwill.contracts.envelope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes an {@link EventEnvelope} as a structured-mode CloudEvent: its attributes in declaration order, absent ones
 * left out, then its data. Data wrapped as an event object is written from the object directly, without first
 * building a JSON tree of it; the JSON is the same either way.
 */
final class EnvelopeSerializer extends StdSerializer<EventEnvelope> {

    EnvelopeSerializer() {
        super(EventEnvelope.class);
    }

    @Override
    public void serialize(EventEnvelope envelope, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject(envelope);
        string(json, "specversion", envelope.specversion());
        string(json, "id", envelope.id());
        string(json, "source", envelope.source());
        string(json, "type", envelope.type());
        string(json, "subject", envelope.subject());
        if (envelope.time() != null) {
            // The mapper's own Instant serialiser: ISO-8601 UTC, exactly as for any other Instant.
            provider.defaultSerializeField("time", envelope.time(), json);
        }
        string(json, "datacontenttype", envelope.datacontenttype());
        string(json, "correlationid", envelope.correlationid());
        string(json, "causationid", envelope.causationid());
        if (envelope.dataAsGiven() != null) {
            provider.defaultSerializeField("data", envelope.dataAsGiven(), json);
        }
        json.writeEndObject();
    }

    private static void string(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
