package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.audit.persistence.LedgerFacetEntity;
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
import java.util.Objects;

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
        recordFacets(entry, event);
        return true;
    }

    /**
     * The entry's searchable facts, in the append's transaction, so a committed entry is always findable. Customer
     * and market come from the order's latest earlier entry that has them when the event does not say (a scan, a
     * delivery); an event appended before its order's placement keeps them null.
     */
    private void recordFacets(LedgerEntryEntity entry, EventEnvelope event) {
        EntryFacets facets = EntryFacets.of(event);
        if (facets.lacksOrderFacts()) {
            Object[] order = (Object[]) entityManager.createNativeQuery("""
                            select (select customer_id from ledger_facet where order_id = ?1 and customer_id is not null
                                    order by sequence desc limit 1),
                                   (select market from ledger_facet where order_id = ?1 and market is not null
                                    order by sequence desc limit 1)""")
                    .setParameter(1, facets.orderId())
                    .getSingleResult();
            facets = facets.withOrderFacts((String) order[0], (String) order[1]);
        }
        LedgerFacetEntity facet = new LedgerFacetEntity();
        facet.sequence = entry.sequence;
        facet.eventType = entry.eventType;
        facet.eventTime = entry.eventTime;
        facet.orderId = facets.orderId();
        facet.customerId = facets.customerId();
        facet.incidentId = facets.incidentId();
        facet.decisionId = facets.decisionId();
        facet.carrier = facets.carrier();
        facet.trackingNumber = facets.trackingNumber();
        facet.market = facets.market();
        facet.reasonCode = facets.reasonCode();
        facet.incidentClass = facets.incidentClass();
        facet.persist();
    }

    /**
     * Everything that happened to one order, in event-time order (ties in append order): its own events
     * and the carrier events about its parcels that arrived before the order shipped (their subject is
     * the parcel, since nobody knew the order then).
     */
    public List<LedgerEntryEntity> timelineOfOrder(String orderId) {
        return LedgerEntryEntity.list("subject in ?1 order by eventTime, sequence", subjectsOfOrders(List.of(orderId)));
    }

    /**
     * Everything that happened to one customer, in event-time order (ties in append order): the whole timeline of
     * each of their orders (also what was recorded before the order said whose it is), and any entry that names
     * the customer without an order.
     */
    public List<LedgerEntryEntity> timelineOfCustomer(String customerId) {
        List<String> orders = entityManager.createQuery(
                        "select distinct f.orderId from LedgerFacetEntity f where f.customerId = ?1 and f.orderId is not null",
                        String.class)
                .setParameter(1, customerId)
                .getResultList();
        if (orders.isEmpty()) {
            return LedgerEntryEntity.list("sequence in (select f.sequence from LedgerFacetEntity f where f.customerId = ?1)"
                    + " order by eventTime, sequence", customerId);
        }
        return LedgerEntryEntity.list("(subject in ?1 or sequence in (select f.sequence from LedgerFacetEntity f"
                + " where f.customerId = ?2)) order by eventTime, sequence", subjectsOfOrders(orders), customerId);
    }

    /**
     * The case of one decision: the event it was made on (its causation), the decision, and every command and
     * fulfilment step that executes it, in event-time order.
     */
    public List<LedgerEntryEntity> timelineOfDecision(String decisionId) {
        List<LedgerEntryEntity> steps = LedgerEntryEntity.list("sequence in (select f.sequence from LedgerFacetEntity f"
                + " where f.decisionId = ?1) order by eventTime, sequence", decisionId);
        String cause = steps.stream().filter(e -> EventTypes.DECISION_MADE.equals(e.eventType))
                .map(e -> e.causationId).filter(Objects::nonNull).findFirst().orElse(null);
        if (cause == null) {
            return steps;
        }
        List<LedgerEntryEntity> timeline = new ArrayList<>(LedgerEntryEntity.<LedgerEntryEntity>list("eventId = ?1", cause));
        timeline.addAll(steps);
        return timeline;
    }

    /** The orders' own subjects and their parcels' (carrier events recorded before an order shipped). */
    private static List<String> subjectsOfOrders(List<String> orderIds) {
        List<String> subjects = new ArrayList<>(orderIds);
        List<LedgerEntryEntity> shipped = LedgerEntryEntity.list("subject in ?1 and eventType = ?2", orderIds,
                EventTypes.ORDER_SHIPPED);
        for (LedgerEntryEntity entry : shipped) {
            OrderShipped event = EventCodec.dataAs(EventCodec.parse(entry.payload), OrderShipped.class);
            if (event.shipments() != null) {
                event.shipments().forEach(s -> subjects.add(Subjects.tracking(s.carrier(), s.trackingNumber())));
            }
        }
        return subjects;
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
