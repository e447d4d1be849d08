package com.goodwill.audit;

import com.goodwill.audit.ledger.Ledger;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.audit.ledger.LedgerWriter;
import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.audit.persistence.LedgerFacetEntity;
import com.goodwill.contracts.Topics;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.produce;
import static com.goodwill.audit.AuditEvents.timelineEventIds;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static com.goodwill.testsupport.PlatformTopics.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger appends what one poll delivered in one transaction: each event id once (also when it repeats within the
 * batch), in the order received, with facets derived within the batch as across batches, and a record that is not a
 * platform event left out with its reason while its neighbours are appended.
 */
@QuarkusTest
class BatchAppendTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration FIRST_CONSUMPTION = Duration.ofMinutes(2);

    private static ConsumerTask<String, String> deadLetters;

    @Inject
    Ledger ledger;
    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void listen() {
        deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_AUDIT);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
    }

    @Test
    void eventRepeatedWithinABatchOrAcrossBatchesIsAppendedOnceInTheOrderReceived() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var scan = AuditEvents.carrierScan(orderId, "scan-1", T0.plusSeconds(60));
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(120));
        var returned = AuditEvents.carrierScan(orderId, "scan-2", T0.plusSeconds(180));

        Ledger.BatchAppend first = ledger.appendBatch(batch(placed, scan, placed, delivered, scan));
        assertThat(first.appended()).isEqualTo(3);
        assertThat(first.rejected()).isEmpty();

        Ledger.BatchAppend redelivered = ledger.appendBatch(batch(delivered, returned, placed));
        assertThat(redelivered.appended()).isEqualTo(1);
        assertThat(redelivered.size()).isEqualTo(sequenceOf(returned.event().id()));

        assertThat(eventIdsInAppendOrder(orderId)).containsExactly(placed.event().id(), scan.event().id(),
                delivered.event().id(), returned.event().id());
    }

    @Test
    void recordThatIsNotAPlatformEventIsLeftOutWithItsReasonAndItsNeighboursAreAppended() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(120));
        LedgerWriter.Received garbage = new LedgerWriter.Received(Topics.ORDER_EVENTS, 0, 7, "{\"not\":\"an event\"}");
        LedgerWriter.Received notJson = new LedgerWriter.Received(Topics.ORDER_EVENTS, 0, 8, "{broken");

        Ledger.BatchAppend result = ledger.appendBatch(List.of(received(placed), garbage, notJson, received(delivered)));

        assertThat(result.appended()).isEqualTo(2);
        assertThat(result.rejected()).extracting(LedgerWriter.Rejected::received).containsExactly(garbage, notJson);
        assertThat(result.rejected().get(0).reason()).contains("specversion");
        assertThat(result.rejected().get(1).reason()).contains("not a CloudEvent in JSON");
        assertThat(eventIdsInAppendOrder(orderId)).containsExactly(placed.event().id(), delivered.event().id());
    }

    /**
     * A poll of a few hundred records is prepared on several threads and written with COPY: the entries still come in
     * the order received, each id once, chained one to the next, with the event's time and derived facets in place.
     */
    @Test
    void pollSizedBatchIsAppendedInTheOrderReceivedAndChained() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        List<AuditEvents.Sent> scans = new java.util.ArrayList<>();
        for (int i = 0; i < 196; i++) {
            scans.add(AuditEvents.carrierScan(orderId, "scan-" + i, T0.plusMillis(1_000L * i + 123)));
        }
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(3_600));
        LedgerWriter.Received garbage = new LedgerWriter.Received(Topics.ORDER_EVENTS, 0, 9, "{\"not\":\"an event\"}");
        List<LedgerWriter.Received> poll = new java.util.ArrayList<>();
        poll.add(received(placed));
        for (int i = 0; i < scans.size(); i++) {
            if (i == 50) {
                poll.add(garbage);
            }
            if (i == 100) {
                poll.add(received(placed));
            }
            poll.add(received(scans.get(i)));
        }
        poll.add(received(delivered));
        assertThat(poll).hasSize(200);

        Ledger.BatchAppend result = ledger.appendBatch(poll);

        assertThat(result.appended()).isEqualTo(198);
        assertThat(result.rejected()).extracting(LedgerWriter.Rejected::received).containsExactly(garbage);
        List<String> expected = new java.util.ArrayList<>();
        expected.add(placed.event().id());
        scans.forEach(scan -> expected.add(scan.event().id()));
        expected.add(delivered.event().id());
        assertThat(eventIdsInAppendOrder(orderId)).containsExactlyElementsOf(expected);
        assertThat(result.size()).isEqualTo(sequenceOf(delivered.event().id()));

        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select e.payload, e.previous_hash, e.entry_hash, coalesce(p.entry_hash, repeat('0', 64))"
                                + " from ledger_entry e left join ledger_entry p on p.sequence = e.sequence - 1"
                                + " where e.subject = ?1 order by e.sequence",
                        Object[].class)
                .setParameter(1, orderId).getResultList());
        for (Object[] row : rows) {
            assertThat(((String) row[1]).trim()).isEqualTo(((String) row[3]).trim());
            assertThat(((String) row[2]).trim()).isEqualTo(LedgerHash.chain(((String) row[1]).trim(), (String) row[0]));
        }
        assertThat(rows).hasSize(198);
        assertThat(QuarkusTransaction.requiringNew().call(() -> LedgerEntryEntity.<LedgerEntryEntity>find("eventId",
                scans.get(0).event().id()).firstResult().eventTime)).isEqualTo(T0.plusMillis(123));
        assertThat(facetOf(scans.get(195).event().id()).eventTime).isEqualTo(T0.plusMillis(195_123));
        assertThat(facetOf(scans.get(195).event().id()).customerId).isEqualTo("cust-1");
    }

    @Test
    void scanInTheSameBatchAsItsOrdersPlacementGetsTheOrdersCustomerAndMarket() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var scan = AuditEvents.carrierScan(orderId, "scan-1", T0.plusSeconds(60));
        String otherOrder = "ord-" + UUID.randomUUID();
        var otherScan = AuditEvents.carrierScan(otherOrder, "scan-1", T0.plusSeconds(60));

        ledger.appendBatch(batch(otherScan, placed, scan));
        // The order's facts come from the ledger when an earlier batch recorded them.
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(120));
        ledger.appendBatch(batch(delivered));

        LedgerFacetEntity scanFacet = facetOf(scan.event().id());
        assertThat(scanFacet.customerId).isEqualTo("cust-1");
        assertThat(scanFacet.market).isEqualTo("DE");
        LedgerFacetEntity deliveredFacet = facetOf(delivered.event().id());
        assertThat(deliveredFacet.customerId).isEqualTo("cust-1");
        assertThat(deliveredFacet.market).isEqualTo("DE");
        // A scan of an order never placed keeps them unknown, even beside another order's placement.
        LedgerFacetEntity otherFacet = facetOf(otherScan.event().id());
        assertThat(otherFacet.customerId).isNull();
        assertThat(otherFacet.market).isNull();
    }

    @Test
    void badRecordAmidValidOnesOnTheBrokerIsDeadLetteredAloneAndTheOthersAreRecorded() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var scan = AuditEvents.carrierScan(orderId, "scan-1", T0.plusSeconds(60));
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(120));
        String garbage = "{\"specversion\":\"1.0\",\"order\":\"" + orderId + "\"}";
        // One partition (same topic and key), back to back: usually one poll's batch.
        produce(placed);
        produce(Topics.ORDER_EVENTS, orderId, garbage);
        produce(delivered);
        produce(Topics.ORDER_EVENTS, orderId, garbage);
        produce(scan);

        // Generous: when this is the JVM's first test on the broker, the consumer may still be joining its group.
        await().atMost(FIRST_CONSUMPTION).until(() -> timelineEventIds(orderId).size() >= 3);
        assertThat(timelineEventIds(orderId)).containsExactly(placed.event().id(), scan.event().id(),
                delivered.event().id());
        await().atMost(FIRST_CONSUMPTION).until(() -> deadLettersOf(orderId).size() >= 2);
        List<ConsumerRecord<String, String>> dead = deadLettersOf(orderId);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, garbage);
        assertThat(deadLetterReason(dead.get(0))).contains("id is required");
        assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.ORDER_EVENTS);
    }

    private static List<LedgerWriter.Received> batch(AuditEvents.Sent... sent) {
        return java.util.Arrays.stream(sent).map(BatchAppendTest::received).toList();
    }

    private static LedgerWriter.Received received(AuditEvents.Sent sent) {
        return new LedgerWriter.Received(sent.topic(), 0, 0, sent.json());
    }

    private List<String> eventIdsInAppendOrder(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select event_id from ledger_entry where subject = ?1 order by sequence", String.class)
                .setParameter(1, orderId).getResultList());
    }

    private long sequenceOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select sequence from ledger_entry where event_id = ?1").setParameter(1, eventId).getSingleResult()).longValue());
    }

    private LedgerFacetEntity facetOf(String eventId) {
        long sequence = sequenceOf(eventId);
        return QuarkusTransaction.requiringNew().call(() -> LedgerFacetEntity.<LedgerFacetEntity>findById(sequence));
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String orderId) {
        return deadLetters.getRecords().stream().filter(r -> orderId.equals(r.key())).toList();
    }
}
