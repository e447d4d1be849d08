package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Locale;

/**
 * Typed reads from a carrier payload that remember where they are, so every failure names the
 * JSON path of the offending value. Absent and JSON {@code null} are the same to carriers.
 */
final class Payload {

    private Payload() {
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static boolean present(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value != null && !value.isNull();
    }

    /** A required JSON object. */
    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        String at = child(path, name);
        if (value == null || value.isNull()) {
            throw new CarrierPayloadException(at, "is missing");
        }
        if (!value.isObject()) {
            throw new CarrierPayloadException(at, "must be an object, not " + kind(value));
        }
        return value;
    }

    /** An optional JSON object: null when absent, an error when something else. */
    static JsonNode optionalObject(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new CarrierPayloadException(child(path, name), "must be an object, not " + kind(value));
        }
        return value;
    }

    /** A required array with at least one element. */
    static JsonNode nonEmptyArray(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        String at = child(path, name);
        if (value == null || value.isNull()) {
            throw new CarrierPayloadException(at, "is missing");
        }
        if (!value.isArray()) {
            throw new CarrierPayloadException(at, "must be an array, not " + kind(value));
        }
        if (value.isEmpty()) {
            throw new CarrierPayloadException(at, "is empty");
        }
        return value;
    }

    /** An optional array: empty when absent, an error when something else. */
    static JsonNode optionalArray(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new CarrierPayloadException(child(path, name), "must be an array, not " + kind(value));
        }
        return value;
    }

    /** An element of an array that must be an object. */
    static JsonNode element(JsonNode array, int i, String arrayPath) {
        JsonNode value = array.get(i);
        if (!value.isObject()) {
            throw new CarrierPayloadException(index(arrayPath, i), "must be an object, not " + kind(value));
        }
        return value;
    }

    /** Trimmed text, null when absent or blank; an error when the value is not a string. */
    static String text(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new CarrierPayloadException(child(path, name), "must be a string, not " + kind(value));
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** Trimmed, non-blank text. */
    static String requiredText(JsonNode parent, String name, String path) {
        String text = text(parent, name, path);
        if (text == null) {
            throw new CarrierPayloadException(child(path, name), "is missing");
        }
        return text;
    }

    /** Text at a path of nested objects ({@code location.address.city}); null if any step is absent. */
    static String nestedText(JsonNode parent, String path, String... names) {
        JsonNode node = parent;
        String at = path;
        for (int i = 0; i < names.length - 1; i++) {
            node = optionalObject(node, names[i], at);
            if (node == null) {
                return null;
            }
            at = child(at, names[i]);
        }
        return text(node, names[names.length - 1], at);
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
