package com.goodwill.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asyncapi.yaml cannot drift from the code: its channels are exactly {@link Topics}, its messages exactly
 * {@link EventTypes} on the topics schemas/README.md names, and its operations exactly what each service's
 * application.properties and outbox calls read and write.
 */
class AsyncApiDocumentTest {

    /** Surefire runs in the module directory; the services are its siblings. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path RESOURCES = MODULE.resolve("src/main/resources");
    private static final List<String> SERVICES =
            List.of("incident-intake", "decision-service", "fulfillment-service", "audit-service");
    /** {@code outbox.publish(Topics.X, ...)}, or an event for {@code Outbox.publishAll}: {@code Outbox.Pending(Topics.X, ...)}. */
    private static final Pattern OUTBOX_PUBLISH =
            Pattern.compile("(?:outbox\\.publish|Outbox\\.Pending)\\(\\s*Topics\\.([A-Z_]+)");
    private static final Pattern README_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| `([^`]+)`");

    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        doc = new YAMLMapper().readTree(RESOURCES.resolve("asyncapi.yaml").toFile());
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("channels").size()).isPositive();
        assertThat(doc.path("operations").size()).isPositive();
    }

    @Test
    void everyTopicHasAChannelAndEveryChannelIsATopic() {
        Set<String> topics = new TreeSet<>(Topics.all());
        topics.addAll(Topics.DEAD_LETTER_TOPICS);
        Set<String> addresses = channelsByAddress().keySet();
        List<String> problems = new ArrayList<>();
        difference(topics, addresses).forEach(t -> problems.add("topic " + t + " in Topics has no channel in asyncapi.yaml"));
        difference(addresses, topics).forEach(t -> problems.add("channel " + t + " in asyncapi.yaml is not a topic in Topics"));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageDescribesItsKafkaKey() {
        List<String> problems = new ArrayList<>();
        channelsByAddress().forEach((address, channel) -> channel.path("messages").fields().forEachRemaining(m -> {
            JsonNode key = resolve(resolve(m.getValue()).at("/bindings/kafka/key"));
            if (!"string".equals(key.path("type").asText()) || key.path("description").asText().isBlank()) {
                problems.add(address + " message " + m.getKey() + " has no string key with a description");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyEventTypeIsAMessageOfExactlyTheTopicsTheSchemasReadmeLists() throws IOException {
        Map<String, String[]> readme = schemasReadme();
        Map<String, Set<String>> documented = new TreeMap<>();
        Map<String, Set<String>> schemaRefs = new TreeMap<>();
        channelsByAddress().forEach((address, channel) -> channel.path("messages").forEach(ref -> {
            JsonNode message = resolve(ref);
            if (message.at("/payload/schema/allOf").isMissingNode()) {
                return; // a dead letter: the record as received, of any type
            }
            String type = message.path("name").asText();
            documented.computeIfAbsent(type, t -> new TreeSet<>()).add(address);
            assertThat(message.at("/payload/schemaFormat").asText()).as(type + " schemaFormat")
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            message.at("/payload/schema/allOf").forEach(part -> {
                if (!part.path("$ref").isMissingNode()) {
                    schemaRefs.computeIfAbsent(type, t -> new TreeSet<>()).add(part.path("$ref").asText());
                }
                JsonNode data = part.at("/properties/data/$ref");
                if (!data.isMissingNode()) {
                    schemaRefs.computeIfAbsent(type, t -> new TreeSet<>()).add(data.asText());
                    assertThat(part.at("/properties/type/const").asText()).as(type + " pins its CloudEvents type")
                            .isEqualTo(type);
                }
            });
        }));

        List<String> problems = new ArrayList<>();
        for (String type : eventTypes()) {
            String[] row = readme.get(type);
            if (row == null) {
                problems.add(type + " is not in schemas/README.md");
                continue;
            }
            Set<String> listed = Set.of(row[1]);
            Set<String> inDoc = documented.getOrDefault(type, Set.of());
            if (!inDoc.equals(listed)) {
                problems.add(type + " is a message of " + inDoc + " in asyncapi.yaml but schemas/README.md says " + listed);
            }
            Set<String> refs = schemaRefs.getOrDefault(type, Set.of());
            if (!refs.contains("./schemas/" + row[0])) {
                problems.add(type + " does not reference ./schemas/" + row[0] + " (references " + refs + ")");
            }
        }
        schemaRefs.forEach((type, refs) -> refs.forEach(ref -> {
            if (!Files.isRegularFile(RESOURCES.resolve(ref).normalize())) {
                problems.add(type + " references " + ref + ", which does not exist");
            }
        }));
        difference(documented.keySet(), eventTypes())
                .forEach(type -> problems.add("asyncapi.yaml has a message " + type + " that is not in EventTypes"));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceSendsAndReceivesExactlyWhatItsConfigurationAndOutboxDo() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> knownServices = new TreeSet<>(SERVICES);
        for (String service : SERVICES) {
            Path properties = MODULE.resolve("../" + service + "/src/main/resources/application.properties").normalize();
            assertThat(properties).as("configuration of " + service).isRegularFile();
            Map<String, Set<String>> configured = configuredTopics(properties);
            configured.get("send").addAll(outboxTopics(MODULE.resolve("../" + service + "/src/main/java").normalize()));
            for (String action : List.of("send", "receive")) {
                Set<String> inCode = configured.get(action);
                Set<String> inDoc = documentedTopics(service, action);
                difference(inCode, inDoc).forEach(topic -> problems.add(
                        service + " " + action + "s " + topic + " in its code/configuration, but asyncapi.yaml has no such operation"));
                difference(inDoc, inCode).forEach(topic -> problems.add(
                        "asyncapi.yaml says " + service + " " + action + "s " + topic + ", but its code/configuration does not"));
            }
        }
        doc.path("operations").fields().forEachRemaining(op -> {
            Set<String> tags = new TreeSet<>();
            op.getValue().path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
            if (tags.size() != 1 || !knownServices.containsAll(tags)) {
                problems.add("operation " + op.getKey() + " is not tagged with exactly one service of " + SERVICES + ": " + tags);
            }
            if (resolve(op.getValue().path("channel")).isMissingNode()) {
                problems.add("operation " + op.getKey() + " names a channel that does not exist");
            }
            op.getValue().path("messages").forEach(m -> {
                if (resolve(m).isMissingNode()) {
                    problems.add("operation " + op.getKey() + " names a message that does not exist: " + m);
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theOutboxScanFindsThePublishersItMustSee() throws IOException {
        // Guards the source scan above against passing vacuously after a refactoring of Outbox.publish.
        assertThat(outboxTopics(MODULE.resolve("../decision-service/src/main/java").normalize()))
                .contains(Topics.DECISIONS, Topics.COMPENSATION_COMMANDS);
    }

    // --- reading the code's side ---

    /** send/receive → topics of every smallrye channel, including the dead-letter topic of a failure strategy. */
    static Map<String, Set<String>> configuredTopics(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, Set<String>> topics = Map.of("send", new TreeSet<>(), "receive", new TreeSet<>());
        Pattern channelKey = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)$");
        Map<String, String> channelTopics = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = channelKey.matcher(key); // profile-prefixed keys (%test.…) do not match: the prod wiring counts
            if (!m.matches()) {
                continue;
            }
            String action = m.group(1).equals("incoming") ? "receive" : "send";
            String value = properties.getProperty(key).trim();
            switch (m.group(3)) {
                case "topic", "topics" -> {
                    Arrays.stream(value.split(",")).map(String::trim).forEach(topics.get(action)::add);
                    channelTopics.put(m.group(1) + "." + m.group(2), value);
                }
                case "dead-letter-queue.topic" -> topics.get("send").add(value);
                default -> { }
            }
        }
        // A channel without topic(s) reads or writes the topic of its own name.
        for (String key : properties.stringPropertyNames()) {
            Matcher m = channelKey.matcher(key);
            if (m.matches() && m.group(3).equals("connector") && !channelTopics.containsKey(m.group(1) + "." + m.group(2))) {
                topics.get(m.group(1).equals("incoming") ? "receive" : "send").add(m.group(2));
            }
        }
        return topics;
    }

    /** The topics a service writes through service-kit's Outbox, which has no configured channel per topic. */
    static Set<String> outboxTopics(Path sources) throws IOException {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = OUTBOX_PUBLISH.matcher(Files.readString(file));
                while (m.find()) {
                    try {
                        topics.add((String) Topics.class.getField(m.group(1)).get(null));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(file + " publishes to Topics." + m.group(1) + ", which is not a topic", e);
                    }
                }
            }
        }
        return topics;
    }

    // --- reading the document's side ---

    private static Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new TreeMap<>();
        doc.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            assertThat(channels.put(address, channel)).as("two channels with address " + address).isNull();
        });
        return channels;
    }

    private static Set<String> documentedTopics(String service, String action) {
        Set<String> topics = new TreeSet<>();
        doc.path("operations").forEach(op -> {
            boolean ofService = false;
            for (JsonNode tag : op.path("tags")) {
                ofService |= service.equals(tag.path("name").asText());
            }
            if (ofService && action.equals(op.path("action").asText())) {
                topics.add(resolve(op.path("channel")).path("address").asText());
            }
        });
        return topics;
    }

    /** Follows a local {@code $ref} ('#/…') inside the document; other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            String ref = node.path("$ref").asText();
            assertThat(ref).as("only local references are followed here").startsWith("#/");
            node = doc.at(ref.substring(1));
        }
        return node;
    }

    // --- the other sources of truth ---

    /** type → {schema file, topic} from the table in schemas/README.md. */
    private static Map<String, String[]> schemasReadme() throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : Files.readAllLines(RESOURCES.resolve("schemas/README.md"))) {
            Matcher m = README_ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1), new String[]{m.group(2), m.group(3)});
            }
        }
        assertThat(rows).as("rows of the table in schemas/README.md").isNotEmpty();
        return rows;
    }

    static Set<String> eventTypes() {
        return new TreeSet<>(EventTypes.all());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
