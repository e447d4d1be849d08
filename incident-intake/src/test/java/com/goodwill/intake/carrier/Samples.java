package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.envelope.EventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Sample payloads under {@code carrier-samples/}, fresh on every call so tests can edit them. */
final class Samples {

    private Samples() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/carrier-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample " + name);
            }
            return (ObjectNode) EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object at a JSON pointer, for editing ({@code /shipments/0/events/2}). */
    static ObjectNode at(JsonNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }
}
