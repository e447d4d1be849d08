package com.goodwill.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the changes between a released and a current JSON Schema that would break an existing subscriber.
 *
 * <p>The rule: a schema may change only in ways every existing reader and writer of the released version
 * accepts. The topics are written by systems outside the platform (the order system, carrier integrations)
 * as well as by the services, so a change is judged from both sides:
 * <ul>
 *   <li>allowed: a new optional property (readers ignore unknown fields; writers need not send it), a new
 *       enum value (consumers must tolerate unknown values; the platform's own consumers map enums strictly,
 *       so roll a new value out consumers first), and any change of annotations (title, description, examples);</li>
 *   <li>breaking: a property removed; a property's JSON type changed, including widening such as
 *       {@code "string"} to {@code ["string","null"]} (a reader that relied on a value now gets null); an enum
 *       value removed or a const changed; a property newly required (old writers do not send it) or no longer
 *       required (old readers rely on it); any validation keyword (pattern, format, bounds, lengths,
 *       additionalProperties, ...) added, removed or changed: tighter rejects what old writers send, looser lets
 *       through what old readers do not expect.</li>
 * </ul>
 * {@code $ref}s are resolved (within a document and into its siblings such as common.schema.json) before comparing,
 * so moving a definition is not a change.
 */
final class SchemaCompatibility {

    /** Keywords that document but do not constrain. */
    private static final Set<String> ANNOTATIONS =
            Set.of("title", "description", "examples", "$comment", "$schema", "$id", "$defs", "deprecated");
    /** Keywords whose value is one subschema (when it is an object). */
    private static final Set<String> SUBSCHEMA = Set.of("items", "additionalProperties", "contains", "not", "if", "then",
            "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems");
    /** Keywords whose value is a list of subschemas, compared position by position. */
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final int MAX_DEPTH = 64;

    private final Map<String, JsonNode> released;
    private final Map<String, JsonNode> current;
    private final List<String> problems = new ArrayList<>();

    private SchemaCompatibility(Map<String, JsonNode> released, Map<String, JsonNode> current) {
        this.released = released;
        this.current = current;
    }

    /**
     * The breaking changes of document {@code file} from {@code released} to {@code current}, each naming the file,
     * the JSON path and what changed; empty when the change is compatible. Both maps hold the documents by file name,
     * so that {@code $ref}s like {@code common.schema.json#/$defs/Money} resolve.
     */
    static List<String> breakingChanges(String file, Map<String, JsonNode> released, Map<String, JsonNode> current) {
        SchemaCompatibility check = new SchemaCompatibility(released, current);
        if (!current.containsKey(file)) {
            return List.of(file + ": removed");
        }
        check.compare(new At(released.get(file), file), new At(current.get(file), file), file + ":", 0);
        return check.problems;
    }

    /** A schema node and the document it is in, which its relative {@code $ref}s are resolved against. */
    private record At(JsonNode node, String document) {
    }

    private void compare(At oldAt, At newAt, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return; // a recursive schema: what is below was compared on the way here
        }
        At o = resolve(oldAt, released);
        At n = resolve(newAt, current);
        if (!o.node.isObject() || !n.node.isObject()) {
            if (!o.node.equals(n.node)) {
                problems.add(path + " changed from " + o.node + " to " + n.node);
            }
            return;
        }
        Set<String> keywords = new TreeSet<>();
        o.node.fieldNames().forEachRemaining(keywords::add);
        n.node.fieldNames().forEachRemaining(keywords::add);
        for (String keyword : keywords) {
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            JsonNode before = o.node.get(keyword);
            JsonNode after = n.node.get(keyword);
            String at = path + "/" + keyword;
            switch (keyword) {
                case "properties" -> compareProperties(o, n, path, depth);
                case "required" -> compareRequired(before, after, path);
                case "enum" -> compareEnum(before, after, at);
                case "type" -> compareType(before, after, at);
                default -> {
                    if (SUBSCHEMA.contains(keyword) && before != null && after != null && before.isObject() && after.isObject()) {
                        compare(new At(before, o.document), new At(after, n.document), at, depth + 1);
                    } else if (SUBSCHEMA_LISTS.contains(keyword) && before != null && after != null
                            && before.size() == after.size()) {
                        for (int i = 0; i < before.size(); i++) {
                            compare(new At(before.get(i), o.document), new At(after.get(i), n.document), at + "/" + i, depth + 1);
                        }
                    } else if (before == null) {
                        problems.add(at + " added: " + after);
                    } else if (after == null) {
                        problems.add(at + " removed (was " + before + ")");
                    } else if (!before.equals(after)) {
                        problems.add(at + " changed from " + before + " to " + after);
                    }
                }
            }
        }
    }

    private void compareProperties(At o, At n, String path, int depth) {
        JsonNode before = o.node.path("properties");
        JsonNode after = n.node.path("properties");
        for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String at = path + "/properties/" + name;
            if (!after.has(name)) {
                problems.add(at + " removed");
            } else {
                compare(new At(before.get(name), o.document), new At(after.get(name), n.document), at, depth + 1);
            }
        }
        // Properties only the current schema has are allowed; compareRequired catches a new required one.
    }

    private void compareRequired(JsonNode before, JsonNode after, String path) {
        Set<String> was = strings(before);
        Set<String> is = strings(after);
        for (String name : is) {
            if (!was.contains(name)) {
                problems.add(path + "/properties/" + name + " newly required");
            }
        }
        for (String name : was) {
            if (!is.contains(name)) {
                problems.add(path + "/properties/" + name + " no longer required");
            }
        }
    }

    private void compareEnum(JsonNode before, JsonNode after, String at) {
        if (before == null) {
            problems.add(at + " added: " + after);
            return;
        }
        if (after == null) {
            problems.add(at + " removed (was " + before + ")");
            return;
        }
        Set<String> kept = new TreeSet<>();
        after.forEach(v -> kept.add(v.toString())); // JSON text: "1" and 1 are different values
        for (JsonNode value : before) {
            if (!kept.contains(value.toString())) {
                problems.add(at + " value " + value + " removed");
            }
        }
    }

    private void compareType(JsonNode before, JsonNode after, String at) {
        Set<String> was = before == null ? Set.of() : strings(before);
        Set<String> is = after == null ? Set.of() : strings(after);
        if (!was.equals(is)) {
            problems.add(at + " retyped from " + (before == null ? "any" : was) + " to " + (after == null ? "any" : is));
        }
    }

    /** The text of a string node or of each element of an array node (type names, property names). */
    private static Set<String> strings(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (node != null) {
            values.add(node.asText());
        }
        return values;
    }

    /**
     * Follows {@code $ref}s ({@code #/pointer} within the node's document or {@code file#/pointer} into another one);
     * keywords beside a {@code $ref} (a description, usually) override the target's.
     */
    private static At resolve(At at, Map<String, JsonNode> documents) {
        JsonNode node = at.node;
        String document = at.document;
        for (int hops = 0; node.isObject() && node.has("$ref"); hops++) {
            if (hops > MAX_DEPTH) {
                throw new IllegalStateException(document + ": $ref loop at " + node);
            }
            String ref = node.get("$ref").asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            String targetDocument = file.isEmpty() ? document : file;
            JsonNode target = documents.get(targetDocument);
            if (target == null || target.at(pointer).isMissingNode()) {
                throw new IllegalStateException(document + ": $ref " + ref + " does not resolve");
            }
            ObjectNode merged = ((ObjectNode) target.at(pointer)).deepCopy();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            node = merged;
            document = targetDocument;
        }
        return new At(node, document);
    }
}
