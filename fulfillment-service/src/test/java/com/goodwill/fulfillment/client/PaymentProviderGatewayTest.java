package com.goodwill.fulfillment.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodwill.contracts.Money;
import com.goodwill.fulfillment.execution.OutsideSystemException;
import com.goodwill.fulfillment.execution.OutsideSystemRefusal;
import com.goodwill.fulfillment.execution.PaymentProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refund call over a real HTTP server on loopback: the request and its headers, the answer, the sorting of
 * failures, and the client span it records in the command's trace (fault tolerance is the container's, not tested here).
 */
class PaymentProviderGatewayTest {

    private static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static volatile int answerStatus = 201;

    private static Vertx vertx;
    private static HttpServer server;
    private static OpenTelemetrySdk telemetry;
    private static PaymentProviderGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            SEEN.put("path", request.path());
            SEEN.put("body", body.toString());
            SEEN.put("idempotency-key", String.valueOf(request.getHeader("Idempotency-Key")));
            SEEN.put("traceparent", String.valueOf(request.getHeader("traceparent")));
            request.response().setStatusCode(answerStatus).putHeader("Content-Type", "application/json")
                    .end(answerStatus < 300 ? "{\"refundId\":\"rf-1\",\"status\":\"ACCEPTED\",\"amountMinor\":1240,\"currency\":\"EUR\"}"
                            : "{\"error\":\"try later\"}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        SpanExporter collect = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collect)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        gateway = new PaymentProviderGateway(vertx, new ObjectMapper(), telemetry,
                URI.create("http://127.0.0.1:" + server.actualPort()), 1000, 2000, 4);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        telemetry.close();
    }

    @BeforeEach
    void clear() {
        SPANS.clear();
        SEEN.clear();
        answerStatus = 201;
    }

    @Test
    void aRefundIsPostedWithItsIdempotencyKeyAsAClientSpanOfTheCommandsTrace() {
        Span command = telemetry.getTracer("test").spanBuilder("command").startSpan();
        PaymentProvider.RefundReceipt receipt;
        try (Scope ignored = command.makeCurrent()) {
            receipt = gateway.refund(new PaymentProvider.Refund("ord-1", "cust-1", Money.of(1240, "EUR"), "late"), "goodwill-cmd-1");
        } finally {
            command.end();
        }

        assertThat(receipt).isEqualTo(new PaymentProvider.RefundReceipt("rf-1", "ACCEPTED"));
        assertThat(SEEN).containsEntry("path", "/refunds").containsEntry("idempotency-key", "goodwill-cmd-1");
        assertThat(SEEN.get("body")).contains("\"amountMinor\":1240").contains("\"currency\":\"EUR\"");
        SpanData call = SPANS.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(call.getName()).isEqualTo("POST /refunds");
        assertThat(call.getParentSpanId()).isEqualTo(command.getSpanContext().getSpanId());
        assertThat(call.getTraceId()).isEqualTo(command.getSpanContext().getTraceId());
        assertThat(call.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(201L);
        // The provider continues the trace under the client span.
        assertThat(SEEN.get("traceparent")).isEqualTo("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01");
    }

    @Test
    void aServerErrorIsAFailureToTryAgainAndMarksTheSpan() {
        answerStatus = 503;

        assertThatThrownBy(() -> gateway.refund(new PaymentProvider.Refund("ord-1", "cust-1", Money.of(1240, "EUR"), "late"),
                "goodwill-cmd-2"))
                .isInstanceOf(OutsideSystemException.class).isNotInstanceOf(OutsideSystemRefusal.class)
                .hasMessageContaining("503");
        SpanData call = SPANS.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(503L);
    }

    @Test
    void aClientErrorIsARefusalThatIsNotRetried() {
        answerStatus = 422;

        assertThatThrownBy(() -> gateway.refund(new PaymentProvider.Refund("ord-1", "cust-1", Money.of(1240, "EUR"), "late"),
                "goodwill-cmd-3"))
                .isInstanceOf(OutsideSystemRefusal.class).hasMessageContaining("422");
    }
}
