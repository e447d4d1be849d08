package com.goodwill.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The current schemas do not break a subscriber of the last release, whose schemas are kept in
 * src/test/resources/released-schemas (see the README there and {@link SchemaCompatibility} for the rule).
 */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RELEASED = Path.of("src/test/resources/released-schemas/v0.1.0");
    private static final Path CURRENT = Path.of("src/main/resources/schemas");

    @Test
    void everyReleasedTypeIsStillAnEventType() throws IOException {
        List<String> gone = new ArrayList<>();
        for (String file : load(RELEASED).keySet()) {
            String type = file.replace(".schema.json", "");
            if (type.startsWith("com.goodwill.") && !AsyncApiDocumentTest.eventTypes().contains(type)) {
                // A successor (.v2) is published beside the old type for a transition; the old one goes only at a new baseline.
                gone.add(type + " was released but is no longer in EventTypes");
            }
        }
        assertThat(gone).isEmpty();
    }

    @Test
    void noCurrentSchemaBreaksASubscriberOfTheReleasedOne() throws IOException {
        Map<String, JsonNode> released = load(RELEASED);
        Map<String, JsonNode> current = load(CURRENT);
        assertThat(released).as("released schemas").containsKeys("common.schema.json", "cloudevent-envelope.schema.json");
        List<String> breaking = new ArrayList<>();
        for (String file : released.keySet()) {
            if (!file.equals("common.schema.json")) { // its definitions are compared where they are used
                breaking.addAll(SchemaCompatibility.breakingChanges(file, released, current));
            }
        }
        assertThat(breaking).as("changes that break a subscriber: give the type a new version suffix instead").isEmpty();
    }

    private static Map<String, JsonNode> load(Path directory) throws IOException {
        Map<String, JsonNode> documents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                documents.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        return documents;
    }

    /** The checker itself, on small in-memory schemas, so that the test above cannot pass vacuously. */
    @Nested
    class Checker {

        private static final String COMMON = """
                {"$defs": {
                  "Id": {"type": "string", "minLength": 1},
                  "Colour": {"enum": ["RED", "GREEN"]}
                }}""";
        private static final String RELEASED_EVENT = """
                {"type": "object", "required": ["id", "colour"], "properties": {
                  "id": {"$ref": "common.schema.json#/$defs/Id", "description": "the id"},
                  "colour": {"$ref": "common.schema.json#/$defs/Colour"},
                  "note": {"type": "string"},
                  "items": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}
                }}""";

        private List<String> check(String currentEvent) {
            return check(currentEvent, COMMON);
        }

        private List<String> check(String currentEvent, String currentCommon) {
            Map<String, JsonNode> released = Map.of("e.json", parse(RELEASED_EVENT), "common.schema.json", parse(COMMON));
            Map<String, JsonNode> current = Map.of("e.json", parse(currentEvent), "common.schema.json", parse(currentCommon));
            return SchemaCompatibility.breakingChanges("e.json", released, current);
        }

        @Test
        void anUnchangedSchemaPasses() {
            assertThat(check(RELEASED_EVENT)).isEmpty();
        }

        @Test
        void anAddedOptionalFieldPasses() {
            assertThat(check(RELEASED_EVENT.replace("\"note\": {", "\"extra\": {\"type\": \"integer\"}, \"note\": {"))).isEmpty();
        }

        @Test
        void anAddedEnumValueAndAChangedDescriptionPass() {
            assertThat(check(RELEASED_EVENT.replace("the id", "the event's id"),
                    COMMON.replace("[\"RED\", \"GREEN\"]", "[\"RED\", \"GREEN\", \"BLUE\"]"))).isEmpty();
        }

        @Test
        void inliningAReferencedDefinitionPasses() {
            assertThat(check(RELEASED_EVENT.replace("{\"$ref\": \"common.schema.json#/$defs/Id\", \"description\": \"the id\"}",
                    "{\"type\": \"string\", \"minLength\": 1}"))).isEmpty();
        }

        @Test
        void aRemovedFieldFails() {
            assertThat(check(RELEASED_EVENT.replace("\"note\": {\"type\": \"string\"},", "")))
                    .containsExactly("e.json:/properties/note removed");
        }

        @Test
        void aRemovedFieldInsideAnArrayFails() {
            assertThat(check(RELEASED_EVENT.replace("\"sku\": {\"type\": \"string\"}", "")))
                    .containsExactly("e.json:/properties/items/items/properties/sku removed");
        }

        @Test
        void aRetypedFieldFails() {
            assertThat(check(RELEASED_EVENT.replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": \"integer\"}")))
                    .containsExactly("e.json:/properties/note/type retyped from [string] to [integer]");
        }

        @Test
        void aFieldThatMayNowBeNullFails() {
            assertThat(check(RELEASED_EVENT.replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": [\"string\", \"null\"]}")))
                    .containsExactly("e.json:/properties/note/type retyped from [string] to [null, string]");
        }

        @Test
        void aRetypedSharedDefinitionFails() {
            assertThat(check(RELEASED_EVENT, COMMON.replace("\"Id\": {\"type\": \"string\"", "\"Id\": {\"type\": \"integer\"")))
                    .containsExactly("e.json:/properties/id/type retyped from [string] to [integer]");
        }

        @Test
        void aRemovedEnumValueFails() {
            assertThat(check(RELEASED_EVENT, COMMON.replace("[\"RED\", \"GREEN\"]", "[\"RED\"]")))
                    .containsExactly("e.json:/properties/colour/enum value \"GREEN\" removed");
        }

        @Test
        void aNewRequiredFieldFails() {
            assertThat(check(RELEASED_EVENT.replace("[\"id\", \"colour\"]", "[\"id\", \"colour\", \"note\"]")))
                    .containsExactly("e.json:/properties/note newly required");
        }

        @Test
        void aFieldNoLongerRequiredFails() {
            assertThat(check(RELEASED_EVENT.replace("[\"id\", \"colour\"]", "[\"id\"]")))
                    .containsExactly("e.json:/properties/colour no longer required");
        }

        @Test
        void aTightenedConstraintFails() {
            assertThat(check(RELEASED_EVENT, COMMON.replace("\"minLength\": 1", "\"minLength\": 1, \"maxLength\": 8")))
                    .containsExactly("e.json:/properties/id/maxLength added: 8");
        }

        @Test
        void aRemovedSchemaFails() {
            Map<String, JsonNode> released = Map.of("e.json", parse(RELEASED_EVENT), "common.schema.json", parse(COMMON));
            assertThat(SchemaCompatibility.breakingChanges("e.json", released, Map.of("common.schema.json", parse(COMMON))))
                    .containsExactly("e.json: removed");
        }

        private static JsonNode parse(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException(json, e);
            }
        }
    }
}
