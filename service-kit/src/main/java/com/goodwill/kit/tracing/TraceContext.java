package com.goodwill.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C trace context (the {@code traceparent} and {@code tracestate} values) kept outside a running span: written
 * with an outbox row so that the relay, which sends the row later on another thread, continues the trace of the
 * transaction that wrote it; and read from a Kafka record's headers. Always W3C, whatever propagators the service
 * configures, because the header is the platform's contract between services.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TraceContext NONE = new TraceContext(null, null);

    /** The context of the span current on this thread; empty when there is none. */
    public static TraceContext current() {
        return of(Context.current());
    }

    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return new TraceContext(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The context carried by a Kafka record's headers (the last value of each header counts). */
    public static TraceContext fromHeaders(Headers headers) {
        Header parent = headers.lastHeader(TRACEPARENT);
        if (parent == null) {
            return NONE;
        }
        Header state = headers.lastHeader(TRACESTATE);
        return new TraceContext(text(parent), state == null ? null : text(state));
    }

    public boolean isPresent() {
        return traceparent != null;
    }

    /** The 32 hex digits of the trace id; null when there is no context. */
    public String traceId() {
        return isPresent() ? traceparent.split("-")[1] : null;
    }

    /** This context as the parent of spans started under {@code base}; {@code base} itself when there is none. */
    public Context asParentIn(Context base) {
        if (!isPresent()) {
            return base;
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(base, carrier, MapGetter.INSTANCE);
    }

    /** Replaces the record's trace headers with this context's. */
    public void writeTo(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        if (isPresent()) {
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            if (tracestate != null && !tracestate.isEmpty()) {
                headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
