package com.goodwill.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Spans for the records of a batch consumer. The Kafka connector continues the producer's trace for a method that
 * takes one record (its payload, a {@code Message} or a {@code ConsumerRecord}); a method that takes a poll's batch
 * gets no per-record context, so it wraps each record's handling here: a consumer span whose parent is the record's
 * {@code traceparent} header, current while the handler runs (an outbox row written then continues that trace).
 */
@ApplicationScoped
public class RecordSpans {

    private final Tracer tracer;

    public RecordSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public void process(ConsumerRecord<?, ?> record, Runnable handler) {
        Span span = start(record.topic(), record.partition(), record.offset(), record.headers());
        try (Scope ignored = span.makeCurrent()) {
            handler.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The consumer span of one record, started but not current: for a caller that keeps it open while the record is
     * handled together with others of its poll. Its parent is the record's {@code traceparent} header.
     */
    public Span start(String topic, int partition, long offset, Headers headers) {
        return tracer.spanBuilder(topic + " process")
                .setParent(TraceContext.fromHeaders(headers).asParentIn(Context.root()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .startSpan();
    }
}
