package com.goodwill.kit.messagelog;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
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
