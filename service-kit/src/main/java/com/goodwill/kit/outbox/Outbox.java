package com.goodwill.kit.outbox;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.kit.jdbc.OneRoundTrip;
import com.goodwill.kit.tracing.TraceContext;
import com.goodwill.kit.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Writes events to the outbox table inside the caller's transaction. The event reaches Kafka if and
 * only if that transaction commits: the relay publishes committed rows, also after a crash.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final EntityManager entityManager;

    public Outbox(OutboxRelay relay, TransactionSynchronizationRegistry transactions, Clock clock,
                  EntityManager entityManager) {
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /**
     * One event to publish with others: see {@link #publishAll}. Its trace is the one current where it is made, unless
     * given (a batch deciding several records' events carries each record's own).
     */
    public record Pending(String topic, EventEnvelope event, TraceContext trace) {
        public Pending(String topic, EventEnvelope event) {
            this(topic, event, TraceContext.current());
        }
    }

    /** Must be called inside a transaction; the envelope's subject (the order id) becomes the Kafka key. */
    public void publish(String topic, EventEnvelope event) {
        requireTransaction();
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
        wakeRelayAfterCommit();
    }

    /**
     * {@link #publish} for many events in one statement, in the caller's transaction: the rows get their ids (the
     * relay's publishing order) in the order given. For a consumer that handles a batch of records per transaction,
     * where one insert per event would cost a round trip each.
     */
    public void publishAll(List<Pending> events) {
        writeAll(events).ifPresent(write ->
                entityManager.unwrap(Session.class).doWork(connection -> OneRoundTrip.send(connection, List.of(write))));
    }

    /**
     * {@link #publishAll} as a write for the caller to send with its own writes in one round trip
     * ({@link OneRoundTrip}), in the caller's transaction; empty when there is nothing to publish. The relay is woken
     * after the commit.
     */
    public Optional<OneRoundTrip.Write> writeAll(List<Pending> events) {
        requireTransaction();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        String[] ids = new String[events.size()];
        String[] topics = new String[events.size()];
        String[] keys = new String[events.size()];
        String[] payloads = new String[events.size()];
        String[] traceParents = new String[events.size()];
        String[] traceStates = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i).event();
            ids[i] = event.id();
            topics[i] = events.get(i).topic();
            keys[i] = event.subject();
            payloads[i] = EventCodec.toJson(event);
            TraceContext trace = events.get(i).trace() == null ? TraceContext.current() : events.get(i).trace();
            traceParents[i] = trace.traceparent();
            traceStates[i] = trace.tracestate();
        }
        wakeRelayAfterCommit();
        return Optional.of(new OneRoundTrip.Write("""
                insert into outbox_event (event_id, topic, message_key, payload, created_at, trace_parent, trace_state)
                select e.event_id, e.topic, e.message_key, e.payload, ?, e.trace_parent, e.trace_state
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                       as e(event_id, topic, message_key, payload, trace_parent, trace_state, n)
                 order by e.n
                """, List.of(clock.instant(), ids, topics, keys, payloads, traceParents, traceStates), inserted -> {
            if (inserted != events.size()) {
                throw new IllegalStateException("outbox took " + inserted + " of " + events.size() + " events");
            }
        }));
    }

    private void requireTransaction() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Outbox.publish needs an active transaction");
        }
    }

    private void wakeRelayAfterCommit() {
        // Publish as soon as the transaction commits instead of waiting for the next poll.
        AfterCommit.run(transactions, () -> relay.wake());
    }
}
