package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.testsupport.PostgresServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash window of a refund: fulfillment-service, a separate process, is halted (Runtime.halt, no shutdown hooks,
 * no commit) right after the payment provider accepted the refund and before the service recorded it. Restarted, it
 * must finish the command with the provider's refund and without refunding again: the simulator, a process of its
 * own, counts the executions.
 */
class FulfilmentCrashRecoveryTest {

    private static final String SERVICE = "fulfillment-service";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path dataDir;

    @BeforeAll
    static void startStack() throws Exception {
        Path repoRoot = Path.of(System.getProperty("goodwill.repo.root", "..")).toAbsolutePath().normalize();
        dataDir = Files.createTempDirectory("goodwill-crash");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(SERVICE, ThisMachine.freePort());
        ports.put(StackLayout.PAYMENT_PROVIDER, ThisMachine.freePort());
        ports.put(StackLayout.WAREHOUSE, ThisMachine.freePort());
        StackLayout layout = new StackLayout(repoRoot, dataDir, ThisMachine.freePort(), ThisMachine.freePort(), ThisMachine.freePort(), ports);
        stack = LocalStack.start(layout, System.out,
                Map.of(SERVICE, Map.of("GOODWILL_FULFILMENT_CRASH_POINT", "after-provider-accepted")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + dataDir + ": " + e.getMessage());
        }
    }

    @Test
    void serviceHaltedAfterTheProviderAcceptedARefundFinishesItOnRestartWithoutRefundingAgain() throws Exception {
        StackLayout layout = stack.layout();
        String commandId = UUID.randomUUID().toString();
        String key = "goodwill-" + commandId;
        CompensationRequested command = new CompensationRequested(commandId, "dec-" + commandId, "inc-" + commandId,
                "ord-" + commandId, "cust-" + commandId, Instrument.FULL_REFUND, Money.of(12_999, "EUR"), key,
                Instant.now());
        EventEnvelope event = EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/goodwill/decision-service",
                command.orderId(), command.requestedAt(), command.incidentId(), "dec-event-" + commandId, command);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMPENSATION_COMMANDS, command.orderId(), EventCodec.toJson(event))).get();
        }

        ChildProcess crashed = stack.services().stream().filter(s -> s.name().equals(SERVICE)).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(90)).until(() -> !crashed.isAlive());
        assertThat(crashed.logTail(200)).contains("Crash point after-provider-accepted reached for command " + commandId);
        // The provider refunded once; the service's own database only knows it meant to.
        assertThat(executions(layout, key)).isEqualTo(1);
        assertThat(sql(layout, "select status from compensation_command where command_id = '" + commandId + "'"))
                .isEqualTo("EXECUTING");
        assertThat(sql(layout, "select status || ' ' || call_key from provider_call where command_id = '" + commandId + "'"))
                .isEqualTo("INTENDED " + key);

        stack.restartService(SERVICE, Map.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUCCEEDED".equals(command(layout, commandId).path("status").asText()));

        JsonNode done = command(layout, commandId);
        assertThat(done.path("reference").asText()).startsWith("re_");
        assertThat(done.path("detail").asText()).contains("full refund of 129.99 EUR");
        assertThat(executions(layout, key)).isEqualTo(1);
        assertThat(totalExecutions(layout)).isEqualTo(1);
        assertThat(sql(layout, "select status || ' ' || reference from provider_call where command_id = '" + commandId + "'"))
                .isEqualTo("CONFIRMED " + done.path("reference").asText());
    }

    private static JsonNode command(StackLayout layout, String commandId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(layout.baseUrl(SERVICE)
                + "/api/commands/" + commandId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return EventCodec.mapper().readTree(response.body());
    }

    private static long executions(StackLayout layout, String key) throws Exception {
        return adminGet(layout, "/admin/executions/" + URLEncoder.encode(key, StandardCharsets.UTF_8)).path("executions").asLong();
    }

    private static long totalExecutions(StackLayout layout) throws Exception {
        return adminGet(layout, "/admin/executions").path("total").asLong();
    }

    private static JsonNode adminGet(StackLayout layout, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                layout.baseUrl(StackLayout.PAYMENT_PROVIDER) + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return EventCodec.mapper().readTree(response.body());
    }

    private static String sql(StackLayout layout, String query) throws Exception {
        try (Connection db = DriverManager.getConnection(layout.jdbcUrl("fulfillment"), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
