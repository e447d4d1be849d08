package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.kit.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends events to the hash-chained ledger, each event id once ({@link LedgerWriter} says how), and answers
 * the timelines.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final EntityManager entityManager;
    private final Clock clock;
    private final LedgerMetrics metrics;
    private final TransactionSynchronizationRegistry transactions;

    public Ledger(EntityManager entityManager, Clock clock, LedgerMetrics metrics,
                  TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /** Returns false when the event is in the ledger already (a redelivery appends nothing). */
    @Transactional
    public boolean append(String topic, int partition, long offset, String record) {
        LedgerWriter.Received received = new LedgerWriter.Received(topic, partition, offset, record);
        LedgerWriter.Preparation preparation = LedgerWriter.prepare(List.of(received));
        if (!preparation.rejected().isEmpty()) {
            throw new MalformedEventException(preparation.rejected().get(0).reason());
        }
        int appended = appendPrepared(preparation.events()).entries();
        if (appended == 0) {
            LOG.debugf("Event %s is in the ledger already", EventCodec.parse(record).id());
        }
        return appended == 1;
    }

    /**
     * Appends a batch of consumed records in one transaction, in the order given, each event id once (also within the
     * batch). Records that are not platform events are left out and returned with the reason; their neighbours are
     * appended all the same.
     */
    @Transactional
    public BatchAppend appendBatch(List<LedgerWriter.Received> records) {
        LedgerWriter.Preparation preparation = LedgerWriter.prepare(records);
        LedgerWriter.Appended appended = appendPrepared(preparation.events());
        return new BatchAppend(appended.entries(), appended.size(), preparation.rejected());
    }

    private LedgerWriter.Appended appendPrepared(List<LedgerWriter.Prepared> events) {
        // On the transaction's own connection, so the entries commit with whatever else the transaction does.
        LedgerWriter.Appended appended = entityManager.unwrap(Session.class).doReturningWork(connection ->
                LedgerWriter.appendPrepared(connection, events, clock.instant()));
        // Counted once committed: a rolled-back append appended nothing.
        AfterCommit.run(transactions, () -> metrics.appended(appended.entries(), appended.size()));
        return appended;
    }

    /** What a batch did: how many entries it appended, the ledger's size after it, and the records it could not append. */
    public record BatchAppend(int appended, long size, List<LedgerWriter.Rejected> rejected) {
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
