package com.goodwill.contracts.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * The data of an envelope wrapped around an event object ({@link EventCodec#wrap}): the object itself, written
 * straight into the envelope's JSON in one pass. A JSON tree of it is built only when someone asks for
 * {@link EventEnvelope#data()}, and then once: equality, hash code and every later reader get the same tree, as they
 * do from an envelope parsed from JSON.
 */
final class EventPayload extends POJONode {

    /** Built on first use; two threads racing may each build one, equal, and either may stay. */
    private transient volatile JsonNode tree;

    EventPayload(Object event) {
        super(event);
    }

    JsonNode tree() {
        JsonNode built = tree;
        if (built == null) {
            built = EventCodec.mapper().valueToTree(_value);
            tree = built;
        }
        return built;
    }
}
