package com.goodwill.audit;

import com.goodwill.contracts.Topics;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static com.goodwill.audit.AuditEvents.timeline;
import static com.goodwill.audit.AuditEvents.timelineEventIds;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events from every platform topic into the ledger, and an order's story out of it. */
@QuarkusTest
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

    private static ConsumerTask<String, String> deadLetters;

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
    void eventsOfEveryTypeForOneOrderAppearOnceEachInEventTimeOrder() {
        String orderId = "ord-" + UUID.randomUUID();
        String incidentId = "inc-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var scan = AuditEvents.carrierScan(orderId, "scan-1", T0.plusSeconds(86_400));
        var sameTimeScan = AuditEvents.carrierScan(orderId, "scan-2", T0.plusSeconds(86_400));
        var incident = AuditEvents.incident(orderId, incidentId, T0.plusSeconds(2 * 86_400));
        var decision = AuditEvents.decision(orderId, incidentId, T0.plusSeconds(2 * 86_400 + 1));
        var fulfilment = AuditEvents.fulfilment(orderId, incidentId, T0.plusSeconds(2 * 86_400 + 2));

        // Latest first, each on its own topic: the ledger receives them out of event-time order.
        for (var sent : List.of(fulfilment, decision, incident, scan, sameTimeScan, placed)) {
            produce(sent);
        }
        await().atMost(WAIT).until(() -> timeline(orderId).getInt("count") >= 6);

        JsonPath timeline = timeline(orderId);
        assertThat(timeline.getInt("count")).isEqualTo(6);
        // Same event time, same topic and key: they were appended in the order sent, and that order breaks the tie.
        assertThat(timeline.getList("entries.eventId", String.class)).containsExactly(
                placed.event().id(), scan.event().id(), sameTimeScan.event().id(), incident.event().id(),
                decision.event().id(), fulfilment.event().id());
        assertThat(timeline.getList("entries.type", String.class)).containsExactly(
                placed.event().type(), scan.event().type(), scan.event().type(), incident.event().type(),
                decision.event().type(), fulfilment.event().type());
        assertThat(timeline.getList("entries.time", String.class).stream().map(Instant::parse).toList())
                .isSorted();
        assertThat(timeline.getString("entries[3].correlationId")).isEqualTo(incidentId);
        assertThat(timeline.getString("entries[4].data.reasonCode")).isEqualTo("STORE_CREDIT_SHARE_OF_ORDER");
        assertThat(timeline.getString("entries[5].source")).isEqualTo("/goodwill/fulfillment-service");
    }

    @Test
    void redeliveredEventAppendsNothing() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        produce(placed);
        awaitInLedger(placed);

        produce(placed);
        // Same topic and key, so the same partition: once the next event is in, the redelivery has been handled.
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(3 * 86_400));
        produce(delivered);
        awaitInLedger(delivered);

        assertThat(timelineEventIds(orderId)).containsExactly(placed.event().id(), delivered.event().id());
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from ledger_entry where event_id = ?1")
                .setParameter(1, placed.event().id()).getSingleResult()).longValue())).isEqualTo(1);
        // A redelivery is absorbed, not refused: nothing of this order went to the dead-letter topic. A marker sent
        // now with the same key lands behind anything the service dead-lettered for it.
        String marker = "marker-" + UUID.randomUUID();
        produce(Topics.DEAD_LETTER_AUDIT, orderId, marker);
        await().atMost(WAIT).until(() -> deadLettersOf(orderId).stream().anyMatch(r -> marker.equals(r.value())));
        assertThat(deadLettersOf(orderId)).extracting(ConsumerRecord::value).containsExactly(marker);
    }

    @Test
    void recordThatIsNotACloudEventIsDeadLetteredAndTheConsumerGoesOn() {
        String orderId = "ord-" + UUID.randomUUID();
        String garbage = "{\"this\":\"is not a CloudEvent\",\"order\":\"" + orderId + "\"}";
        produce(Topics.ORDER_EVENTS, orderId, garbage);
        var placed = AuditEvents.orderPlaced(orderId, T0);
        produce(placed);

        await().atMost(WAIT).until(() -> deadLettersOf(orderId).stream().anyMatch(r -> garbage.equals(r.value())));
        ConsumerRecord<String, String> dead = deadLettersOf(orderId).get(0);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(deadLetterReason(dead)).contains("specversion");

        // The valid event behind it in the same partition is recorded; the bad one is not.
        awaitInLedger(placed);
        assertThat(timelineEventIds(orderId)).containsExactly(placed.event().id());
    }

    @Test
    void carrierScanThatArrivedBeforeTheOrderShippedJoinsTheOrdersTimeline() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK-early-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-17T10:00:00Z");
        var placed = AuditEvents.orderPlaced(orderId, t0);
        var early = AuditEvents.earlyCarrierScan(tracking, "scan-" + tracking, t0.plusSeconds(60));
        var shipped = AuditEvents.orderShipped(orderId, tracking, t0.plusSeconds(120));
        var otherParcel = AuditEvents.earlyCarrierScan("TRK-other-" + UUID.randomUUID(), "scan-other", t0.plusSeconds(90));
        produce(placed);
        produce(early);
        produce(otherParcel);
        awaitInLedger(early);
        awaitInLedger(otherParcel);
        assertThat(timelineEventIds(orderId)).containsExactly(placed.event().id());

        produce(shipped);
        awaitInLedger(shipped);
        assertThat(timelineEventIds(orderId)).containsExactly(placed.event().id(), early.event().id(), shipped.event().id());
    }

    @Test
    void incidentCaseShowsWhatRevealedItAndEveryStepTakenInOrder() {
        String orderId = "ord-" + UUID.randomUUID();
        String incidentId = "inc-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-19T09:00:00Z");
        var scan = AuditEvents.carrierScan(orderId, "scan-" + incidentId, t0);
        var incident = AuditEvents.incident(orderId, incidentId, t0.plusSeconds(1), scan.event().id());
        var decision = AuditEvents.decision(orderId, incidentId, t0.plusSeconds(2));
        var fulfilment = AuditEvents.fulfilment(orderId, incidentId, t0.plusSeconds(3));
        var otherIncident = AuditEvents.decision(orderId, "inc-other-" + UUID.randomUUID(), t0.plusSeconds(2));
        for (var sent : List.of(fulfilment, otherIncident, decision, incident, scan)) {
            produce(sent);
        }
        awaitInLedger(fulfilment);
        awaitInLedger(otherIncident);
        awaitInLedger(decision);
        awaitInLedger(incident);
        awaitInLedger(scan);

        JsonPath incidentCase = given().get("/api/timeline/incidents/{id}", incidentId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(incidentCase.getList("entries.eventId", String.class)).containsExactly(scan.event().id(),
                incident.event().id(), decision.event().id(), fulfilment.event().id());
    }

    @Test
    void orderWithoutEventsHasAnEmptyTimeline() {
        JsonPath timeline = timeline("ord-never-seen-" + UUID.randomUUID());
        assertThat(timeline.getInt("count")).isZero();
        assertThat(timeline.getList("entries")).isEmpty();
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String orderId) {
        return deadLetters.getRecords().stream().filter(r -> orderId.equals(r.key())).toList();
    }
}
