package com.goodwill.kit.messagelog;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.hibernate.Session;
import org.jboss.logging.MDC;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The consumer side of exactly-once: each event id a consumer has handled is recorded in the same
 * transaction as the state change it caused. A redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class ProcessedEventLog {

    private static final Logger LOG = Logger.getLogger(ProcessedEventLog.class);

    private final EntityManager entityManager;
    private final Clock clock;

    public ProcessedEventLog(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Records the event id for this consumer. Returns {@code false} if it was recorded before, in which
     * case the caller must not apply the event again. Concurrent deliveries of the same id serialise on
     * the primary key: the second waits for the first to commit and then sees the conflict.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, String eventId) {
        int inserted = entityManager.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, ?3) "
                                + "on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, clock.instant())
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Of the given event ids, those this consumer has processed before: a batch skips them. One round trip for the
     * whole batch; the caller records the rest with {@link #markAllProcessed} in the transaction that applies them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> processedBefore(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            // One primary-key probe per id (a correlated subquery is never turned into a join): as "event_id = any(?)"
            // the cached generic plan turned into a sequential scan of the whole, ever-growing log once its
            // statistics showed a single consumer, costing every batch more than the last.
            try (PreparedStatement select = connection.prepareStatement(
                    "select e.id from unnest(?) as e(id)"
                            + " where (select true from processed_event p where p.consumer = ? and p.event_id = e.id)")) {
                select.setArray(1, connection.createArrayOf("text", eventIds.toArray(String[]::new)));
                select.setString(2, consumer);
                Set<String> seen = new HashSet<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
                return seen;
            }
        });
    }

    /**
     * Records a batch of event ids for this consumer in one round trip, in the transaction that applied them. An id
     * recorded meanwhile (the same event applied by another instance after a rebalance) fails the whole transaction,
     * which rolls back; applied again, the batch then skips it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markAllProcessed(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        int inserted = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into processed_event (consumer, event_id, processed_at) "
                            + "select ?, id, ? from unnest(?) as e(id) on conflict do nothing")) {
                insert.setString(1, consumer);
                insert.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.setArray(3, connection.createArrayOf("text", eventIds.toArray(String[]::new)));
                return insert.executeUpdate();
            }
        });
        if (inserted != eventIds.size()) {
            throw new IllegalStateException(consumer + " processed " + (eventIds.size() - inserted)
                    + " event(s) of the batch meanwhile; the batch is rolled back and applied again");
        }
    }

    /**
     * Records for this consumer those of the given event ids it has not processed before, in one round trip, and
     * returns them: the caller applies exactly these in this transaction, and {@link #forget}s any it ends up not
     * applying. This is {@link #processedBefore} and {@link #markAllProcessed} in one statement. An id recorded by a
     * concurrent transaction waits for it (the primary key) and counts as processed before once that one commits.
     * An id given twice is returned once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markAllNew(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into processed_event (consumer, event_id, processed_at) "
                            + "select ?, id, ? from unnest(?) as e(id) on conflict do nothing returning event_id")) {
                insert.setString(1, consumer);
                insert.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.setArray(3, connection.createArrayOf("text", eventIds.toArray(String[]::new)));
                Set<String> recorded = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString(1));
                    }
                }
                return recorded;
            }
        });
    }

    /**
     * Takes back what {@link #markAllNew} recorded in this transaction for events the caller did not apply after all
     * (a batch that stops early): they stay unprocessed, to be applied by a later transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            // A primary-key delete per id, sent as one batch (one round trip): "= any(?)" may be planned as a scan
            // of the whole log, as processedBefore explains.
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from processed_event where consumer = ? and event_id = ?")) {
                for (String eventId : eventIds) {
                    delete.setString(1, consumer);
                    delete.setString(2, eventId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        });
    }

    /**
     * Parses a record and hands it to the handler unless this consumer has processed its id already.
     * Runs in one transaction with the handler, so the state change and the log entry commit together.
     *
     * @throws com.goodwill.contracts.envelope.MalformedEventException if the record is not a valid event;
     *                                                                 the channel sends it to its dead-letter topic
     */
    @Transactional
    public boolean processOnce(String consumer, String record, Consumer<EventEnvelope> handler) {
        EventEnvelope event = EventCodec.parse(record);
        MDC.put("eventId", event.id());
        if (event.correlationid() != null) {
            MDC.put("incidentId", event.correlationid());
        }
        try {
            if (!markProcessed(consumer, event.id())) {
                LOG.debugf("%s skips event %s: processed before", consumer, event.id());
                return false;
            }
            handler.accept(event);
            return true;
        } finally {
            MDC.remove("eventId");
            MDC.remove("incidentId");
        }
    }
}
