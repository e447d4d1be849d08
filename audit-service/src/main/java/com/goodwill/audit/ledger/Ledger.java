package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.order.OrderShipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends events to the hash-chained ledger, each event id once. Appends serialise on the chain's
 * head row, which gives every entry one place in one order and makes the duplicate check race-free.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final EntityManager entityManager;
    private final Clock clock;

    public Ledger(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Returns false when the event is in the ledger already (a redelivery appends nothing). */
    @Transactional
    public boolean append(String topic, int partition, long offset, String record) {
        EventEnvelope event = EventCodec.parse(record);
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select sequence, entry_hash from ledger_head where id = 1 for update")
                .getSingleResult();
        if (LedgerEntryEntity.count("eventId", event.id()) > 0) {
            LOG.debugf("Event %s is in the ledger already", event.id());
            return false;
        }
        long sequence = ((Number) head[0]).longValue() + 1;
        String previousHash = ((String) head[1]).trim();

        LedgerEntryEntity entry = new LedgerEntryEntity();
        entry.sequence = sequence;
        entry.eventId = event.id();
        entry.eventType = event.type();
        entry.source = event.source();
        entry.subject = event.subject();
        entry.correlationId = event.correlationid();
        entry.causationId = event.causationid();
        entry.eventTime = event.time();
        entry.topic = topic;
        entry.kafkaPartition = partition;
        entry.kafkaOffset = offset;
        entry.payload = record;
        entry.previousHash = previousHash;
        entry.entryHash = LedgerHash.chain(previousHash, record);
        entry.recordedAt = clock.instant();
        entry.persist();
        entityManager.createNativeQuery("update ledger_head set sequence = ?1, entry_hash = ?2 where id = 1")
                .setParameter(1, sequence)
                .setParameter(2, entry.entryHash)
                .executeUpdate();
        return true;
    }

    /**
     * Everything that happened to one order, in event-time order (ties in append order): its own events
     * and the carrier events about its parcels that arrived before the order shipped (their subject is
     * the parcel, since nobody knew the order then).
     */
    public List<LedgerEntryEntity> timelineOfOrder(String orderId) {
        List<String> subjects = new ArrayList<>();
        subjects.add(orderId);
        List<LedgerEntryEntity> shipped = LedgerEntryEntity.list("subject = ?1 and eventType = ?2", orderId,
                EventTypes.ORDER_SHIPPED);
        for (LedgerEntryEntity entry : shipped) {
            OrderShipped event = EventCodec.dataAs(EventCodec.parse(entry.payload), OrderShipped.class);
            if (event.shipments() != null) {
                event.shipments().forEach(s -> subjects.add(Subjects.tracking(s.carrier(), s.trackingNumber())));
            }
        }
        return LedgerEntryEntity.list("subject in ?1 order by eventTime, sequence", subjects);
    }

    /**
     * The case of one incident: the event that revealed it, then everything correlated with it
     * (detection, decision, commands, each fulfilment step), in event-time order.
     */
    public List<LedgerEntryEntity> timelineOfIncident(String incidentId) {
        List<LedgerEntryEntity> correlated = LedgerEntryEntity.list("correlationId = ?1 order by eventTime, sequence", incidentId);
        if (correlated.isEmpty() || correlated.get(0).causationId == null) {
            return correlated;
        }
        List<LedgerEntryEntity> timeline = new ArrayList<>(
                LedgerEntryEntity.<LedgerEntryEntity>list("eventId = ?1", correlated.get(0).causationId));
        timeline.addAll(correlated);
        return timeline;
    }
}
