package com.goodwill.contracts.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * The data of an envelope wrapped around an event object ({@link EventCodec#wrap}): the object itself, written
 * straight into the envelope's JSON in one pass. A JSON tree of it is built only when someone asks for
 * {@link EventEnvelope#data()}.
 */
final class EventPayload extends POJONode {

    EventPayload(Object event) {
        super(event);
    }

    JsonNode tree() {
        return EventCodec.mapper().valueToTree(_value);
    }
}
