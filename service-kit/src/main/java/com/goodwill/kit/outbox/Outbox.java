package com.goodwill.kit.outbox;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.kit.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;

/**
 * Writes events to the outbox table inside the caller's transaction. The event reaches Kafka if and
 * only if that transaction commits: the relay publishes committed rows, also after a crash.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public Outbox(OutboxRelay relay, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Must be called inside a transaction; the envelope's subject (the order id) becomes the Kafka key. */
    public void publish(String topic, EventEnvelope event) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Outbox.publish needs an active transaction");
        }
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = topic;
        row.messageKey = event.subject();
        row.payload = EventCodec.toJson(event);
        row.createdAt = clock.instant();
        // The relay sends the row later, from its own thread: keep the trace this change belongs to with it.
        TraceContext trace = TraceContext.current();
        row.traceParent = trace.traceparent();
        row.traceState = trace.tracestate();
        row.persist();
        // Publish as soon as the transaction commits instead of waiting for the next poll.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
