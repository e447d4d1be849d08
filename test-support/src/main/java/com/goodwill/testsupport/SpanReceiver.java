package com.goodwill.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector for tests: an OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf) on a free
 * loopback port that keeps every span it is sent. Point a service at {@link #endpoint()}
 * ({@code quarkus.otel.exporter.otlp.endpoint}, protocol {@code http/protobuf}) and read {@link #spans()}.
 */
public final class SpanReceiver implements AutoCloseable {

    /** One received span, with the {@code service.name} of the resource that sent it; ids in lowercase hex. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               Span.SpanKind kind) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private SpanReceiver(HttpServer server) {
        this.server = server;
    }

    public static SpanReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SpanReceiver receiver = new SpanReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "span-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return receiver;
    }

    /** The base URL an OTLP/HTTP exporter takes; it posts to {@code /v1/traces} below it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedSpan> spansOfTrace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Requests that could not be read: a test may assert there were none. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = body(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                failures.add(exchange.getRequestURI() + ": " + e);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            spans.addAll(spansOf(request));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
    }

    static List<ReceivedSpan> spansOf(ExportTraceServiceRequest request) {
        List<ReceivedSpan> received = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(v -> v.getStringValue()).findFirst().orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    received.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
                            span.getName(), span.getKind()));
                }
            }
        }
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
