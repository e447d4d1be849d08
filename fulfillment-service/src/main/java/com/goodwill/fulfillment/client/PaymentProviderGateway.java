package com.goodwill.fulfillment.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.goodwill.fulfillment.execution.OutsideSystemException;
import com.goodwill.fulfillment.execution.PaymentProvider;
import com.goodwill.fulfillment.execution.OutsideSystemRefusal;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * The payment provider behind its port. Retries (exponential backoff with jitter) repeat the call with the same
 * idempotency key, so a refund whose answer was lost is answered, not executed, again; a refusal is not retried.
 * Every limit here is configuration ({@code com.goodwill.fulfillment.client.PaymentProviderGateway/Retry/...}).
 *
 * <p>The refund is the call every refund command makes, thousands a second at peak: it goes over a plain Vert.x HTTP
 * client (the one the REST client runs on) with the request written by a Jackson writer made once, instead of through
 * the REST client's per-call pipeline, which cost about a quarter of the service's CPU. Same request, headers
 * (the idempotency key, the caller's trace context), connect and read timeouts, and the same sorting of failures
 * ({@link OutsideFailures}); the call is a client span of the command's trace, as the REST client's was, so that an
 * operator sees the provider's latency and failures in the trace.
 * The API is described by {@link PaymentProviderClient}.
 */
@ApplicationScoped
@Retry(maxRetries = 5, delay = 100, jitter = 80, maxDuration = 30_000, abortOn = OutsideSystemRefusal.class)
@ExponentialBackoff(factor = 2, maxDelay = 3_000)
@Timeout(3_000)
@CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 3_000, successThreshold = 3,
        skipOn = OutsideSystemRefusal.class)
public class PaymentProviderGateway implements PaymentProvider {

    private static final String SYSTEM = "payment provider";

    private final Vertx vertx;
    private final HttpClient http;
    private final RequestOptions refunds;
    private final long readTimeoutMs;
    private final ObjectWriter requestWriter;
    private final ObjectReader answerReader;
    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    public PaymentProviderGateway(Vertx vertx, ObjectMapper mapper, OpenTelemetry telemetry,
                                  @ConfigProperty(name = "goodwill.fulfilment.payment-provider-url") URI baseUrl,
                                  @ConfigProperty(name = "quarkus.rest-client.payment-provider.connect-timeout",
                                          defaultValue = "1000") int connectTimeoutMs,
                                  @ConfigProperty(name = "quarkus.rest-client.payment-provider.read-timeout",
                                          defaultValue = "2000") long readTimeoutMs,
                                  @ConfigProperty(name = "quarkus.rest-client.payment-provider.connection-pool-size",
                                          defaultValue = "128") int connections) {
        this.vertx = vertx;
        boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : tls ? 443 : 80;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setSsl(tls)
                        .setConnectTimeout(connectTimeoutMs)
                        .setKeepAlive(true)
                        // The trace context is passed on below, from the execution's thread; Vert.x's own tracing
                        // would start a client span per refund from the event loop, where the command's trace is not
                        // current, and replace the header with it.
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(connections));
        String path = baseUrl.getPath() == null || baseUrl.getPath().isEmpty() ? "" : baseUrl.getPath().replaceAll("/+$", "");
        this.refunds = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(baseUrl.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path + "/refunds")
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        this.readTimeoutMs = readTimeoutMs;
        this.requestWriter = mapper.writerFor(PaymentProviderClient.RefundRequest.class);
        this.answerReader = mapper.readerFor(PaymentProviderClient.RefundAnswer.class);
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("goodwill.fulfillment.payment-provider");
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public RefundReceipt refund(Refund refund, String idempotencyKey) {
        byte[] body;
        try {
            body = requestWriter.writeValueAsBytes(new PaymentProviderClient.RefundRequest(refund.orderId(),
                    refund.customerId(), refund.amount().amountMinor(), refund.amount().currency(), refund.reason()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestOptions options = new RequestOptions(refunds)
                .setIdleTimeout(readTimeoutMs)
                .putHeader("Idempotency-Key", idempotencyKey);
        // The call is a client span of the command's trace, passed on to the provider (traceparent).
        Span span = tracer.spanBuilder("POST /refunds").setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST").setAttribute("server.address", refunds.getHost())
                .setAttribute("server.port", (long) refunds.getPort()).setAttribute("url.path", refunds.getURI())
                .startSpan();
        Answer answer;
        try (Scope ignored = span.makeCurrent()) {
            telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), options,
                    (carrier, key, value) -> carrier.putHeader(key, value));
            answer = exchange(options, Buffer.buffer(body));
            span.setAttribute("http.response.status_code", (long) answer.status());
            if (answer.status() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            try {
                PaymentProviderClient.RefundAnswer refunded = answerReader.readValue(answer.body());
                return new RefundReceipt(refunded.refundId(), refunded.status());
            } catch (IOException e) {
                throw new OutsideSystemException(SYSTEM + " answered " + answer.status() + " with an unreadable body: "
                        + e.getMessage(), e);
            }
        }
        throw OutsideFailures.translate(SYSTEM, answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
    }

    private record Answer(int status, byte[] body) {
    }

    /**
     * Sends the request and waits (on the execution's own thread, never an event loop) for the whole answer. The
     * exchange itself runs on an event loop: chained from this thread, the answer's body could be asked for after the
     * event loop had already read it to its end, and the wait would never end (seen about once in ten first calls).
     */
    private Answer exchange(RequestOptions options, Buffer body) {
        Promise<Answer> answer = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> http.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.getBytes())))
                .onComplete(answer));
        try {
            return answer.future().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            // The timeout of the fault tolerance interrupted the wait.
            Thread.currentThread().interrupt();
            throw new OutsideSystemException(SYSTEM + " unreachable: interrupted while waiting for its answer", e);
        } catch (ExecutionException e) {
            throw OutsideFailures.unreachable(SYSTEM, e.getCause());
        }
    }
}
