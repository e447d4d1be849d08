package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.testsupport.SpanReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform as a user runs it ({@link LocalStack}: real Kafka, real PostgreSQL, the four packaged services as
 * separate JVMs) on free ports, started once per test JVM and shared by every test class that needs it; stopped when
 * the JVM ends. Also the HTTP calls those tests make against it.
 */
final class RunningStack {

    private static RunningStack instance;

    private final LocalStack stack;
    private final StackLayout layout;
    private final SpanReceiver spans;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningStack(LocalStack stack, SpanReceiver spans) {
        this.stack = stack;
        this.layout = stack.layout();
        this.spans = spans;
    }

    static synchronized RunningStack get() throws Exception {
        if (instance == null) {
            Path repoRoot = Path.of(System.getProperty("goodwill.repo.root", "..")).toAbsolutePath().normalize();
            Path dataDir = Files.createTempDirectory("goodwill-e2e");
            Map<String, Integer> servicePorts = new LinkedHashMap<>();
            for (StackLayout.ServiceSpec service : StackLayout.SERVICES) {
                servicePorts.put(service.name(), ThisMachine.freePort());
            }
            servicePorts.put(StackLayout.PAYMENT_PROVIDER, ThisMachine.freePort());
            servicePorts.put(StackLayout.WAREHOUSE, ThisMachine.freePort());
            StackLayout layout = new StackLayout(repoRoot, dataDir, ThisMachine.freePort(), ThisMachine.freePort(), ThisMachine.freePort(), servicePorts);
            // The services export their spans here, as they would to an OpenTelemetry collector.
            SpanReceiver spans = SpanReceiver.start();
            System.setProperty(ServiceProcesses.OTEL_ENDPOINT_PROPERTY, spans.endpoint());
            LocalStack stack = LocalStack.start(layout, System.out);
            System.out.printf("End-to-end stack: %d MB resident%n", stack.residentKilobytes() / 1024);
            instance = new RunningStack(stack, spans);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                spans.close();
                ThisMachine.deleteTree(dataDir);
            }, "stop-e2e-stack"));
        }
        return instance;
    }

    String kafkaBootstrap() {
        return layout.kafkaBootstrap();
    }

    String baseUrl(String service) {
        return layout.baseUrl(service);
    }

    JsonNode getJson(String service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + service + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventCodec.mapper().readTree(response.body());
    }

    /** The spans the stack's services exported. */
    SpanReceiver spans() {
        return spans;
    }

    /** Posts to an ingestion endpoint, which accepts with 202. */
    void post(String service, String path, String json) throws Exception {
        post(service, path, json, null);
    }

    /** Posts to an ingestion endpoint within the given W3C trace context (a {@code traceparent} header) when not null. */
    void post(String service, String path, String json, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .header("Content-Type", "application/json");
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The mails the stack's mail server received for one address, oldest first (its JSON inbox). */
    JsonNode mailsTo(String address) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.mailInboxUrl() + "?to="
                + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET the mail inbox answered " + response.statusCode() + ": " + response.body());
        }
        return EventCodec.mapper().readTree(response.body());
    }

    /** Everything the ledger holds about one order, in order. */
    JsonNode timeline(String orderId) throws Exception {
        return getJson("audit-service", "/api/timeline/orders/" + orderId);
    }

    static List<String> typesIn(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.path("entries").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    /** The data of the first entry of the type; fails when there is none. */
    static JsonNode dataOf(JsonNode timeline, String type) {
        for (JsonNode entry : timeline.path("entries")) {
            if (type.equals(entry.path("type").asText())) {
                return entry.path("data");
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }
}
