package com.goodwill.audit;

import com.goodwill.audit.publicstream.PublicProjection;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.produce;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Internal events through the real broker and database onto goodwill.public.v1, once each. */
@QuarkusTest
class PublicStreamTest {

    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

    private static ConsumerTask<String, String> publicStream;
    private static ConsumerTask<String, String> deadLetters;

    @BeforeAll
    static void listen() {
        publicStream = PlatformTopics.listen(Topics.PUBLIC_STREAM);
        deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_AUDIT);
    }

    @AfterAll
    static void close() {
        publicStream.close();
        deadLetters.close();
    }

    @Test
    void anOrdersCaseAppearsOnThePublicStreamOnceEvenWhenEveryEventIsRedelivered() {
        String orderId = "ord-" + UUID.randomUUID();
        String incidentId = "inc-" + UUID.randomUUID();
        var incident = AuditEvents.incident(orderId, incidentId, T0);
        var decision = AuditEvents.decision(orderId, incidentId, T0.plusSeconds(1));
        var fulfilment = AuditEvents.fulfilment(orderId, incidentId, T0.plusSeconds(2));
        List<AuditEvents.Sent> story = List.of(incident, decision, fulfilment);
        story.forEach(AuditEvents::produce);

        await().atMost(WAIT).until(() -> publicOf(orderId).size() >= 3);
        List<EventEnvelope> projected = publicOf(orderId).stream().map(r -> EventCodec.parse(r.value())).toList();
        assertThat(projected).extracting(EventEnvelope::type).containsExactlyInAnyOrder(
                EventTypes.PUBLIC_INCIDENT_OPENED, EventTypes.PUBLIC_DECISION_MADE, EventTypes.PUBLIC_COMPENSATION_EXECUTED);
        assertThat(projected).extracting(EventEnvelope::id).containsExactlyInAnyOrder(
                story.stream().map(s -> PublicProjection.publicId(s.event())).toArray(String[]::new));
        assertThat(publicOf(orderId)).allSatisfy(r -> assertThat(r.key()).isEqualTo(orderId));
        EventEnvelope executed = projected.stream()
                .filter(e -> e.type().equals(EventTypes.PUBLIC_COMPENSATION_EXECUTED)).findFirst().orElseThrow();
        assertThat(executed.data().at("/amount/amountMinor").asLong()).isEqualTo(650);
        assertThat(executed.data().has("reference")).as("the executor's reference stays inside").isFalse();

        // Every event again, as after a consumer crash before its offsets were committed: nothing new goes out.
        story.forEach(AuditEvents::produce);
        // Later events on the same topics and key land behind the redeliveries; once they are out, so would those be.
        var resolved = resolved(orderId, incidentId, incident.event());
        var review = review(orderId, incidentId);
        var failed = failed(orderId, incidentId);
        for (AuditEvents.Sent later : List.of(resolved, review, failed)) {
            produce(later);
        }
        await().atMost(WAIT).until(() -> publicOf(orderId).size() >= 6);
        assertThat(publicOf(orderId).stream().map(r -> EventCodec.parse(r.value()).type())).containsExactlyInAnyOrder(
                EventTypes.PUBLIC_INCIDENT_OPENED, EventTypes.PUBLIC_DECISION_MADE, EventTypes.PUBLIC_COMPENSATION_EXECUTED,
                EventTypes.PUBLIC_INCIDENT_RESOLVED, EventTypes.PUBLIC_DECISION_REVIEWED, EventTypes.PUBLIC_COMPENSATION_FAILED);
        assertThat(publicOf(orderId).stream().map(r -> EventCodec.parse(r.value()).id()).distinct()).hasSize(6);
    }

    @Test
    void aToleranceAlertIsPublishedUnderItsOwnSubject() {
        String value = "CARRIER-" + UUID.randomUUID();
        String subject = Subjects.tolerance(ToleranceAlert.CARRIER, value);
        ToleranceAlert alert = new ToleranceAlert("alert-" + value, ToleranceAlert.CARRIER, value, 0.1, 0.05, 10, 100,
                T0.minusSeconds(604_800), T0, T0);
        PlatformTopics.publish(Topics.ALERTS, EventCodec.wrap("alert-" + value, EventTypes.TOLERANCE_ALERT,
                "/goodwill/audit-service", subject, T0, null, null, alert));

        await().atMost(WAIT).until(() -> !publicOf(subject).isEmpty());
        EventEnvelope published = EventCodec.parse(publicOf(subject).get(0).value());
        assertThat(published.type()).isEqualTo(EventTypes.PUBLIC_TOLERANCE_ALERT);
        assertThat(published.data().path("incidentRate").asDouble()).isEqualTo(0.1);
    }

    @Test
    void aDecisionWhoseDataIsNotADecisionIsDeadLetteredWithTheReasonAndTheProjectorGoesOn() {
        String orderId = "ord-" + UUID.randomUUID();
        String incidentId = "inc-" + UUID.randomUUID();
        String bad = EventCodec.toJson(EventCodec.wrap("bad-" + orderId, EventTypes.DECISION_MADE, "/goodwill/tests",
                orderId, T0, incidentId, null, Map.of("decisionId", "d1", "outcome", "MAYBE")));
        produce(Topics.DECISIONS, orderId, bad);
        var good = AuditEvents.decision(orderId, incidentId, T0.plusSeconds(1));
        produce(good);

        await().atMost(WAIT).until(() -> !publicOf(orderId).isEmpty());
        assertThat(publicOf(orderId)).extracting(r -> EventCodec.parse(r.value()).id())
                .containsExactly(PublicProjection.publicId(good.event()));
        // The ledger keeps the record (its envelope is sound); the projector, which must read the decision, cannot.
        await().atMost(WAIT).until(() -> deadLetters.getRecords().stream()
                .anyMatch(r -> orderId.equals(r.key()) && bad.equals(r.value())
                && String.valueOf(deadLetterReason(r)).contains("DecisionMade")));
    }

    private static AuditEvents.Sent resolved(String orderId, String incidentId, EventEnvelope opened) {
        Incident was = EventCodec.dataAs(opened, Incident.class);
        Incident now = new Incident(incidentId, IncidentLifecycle.RESOLVED, 2, orderId, was.shipmentId(),
                was.trackingNumber(), was.carrier(), was.incidentClass(), was.severity(), was.source(), was.delayHours(),
                null, was.expectedDeliveryAt(), "delivered", was.evidence(), was.order(), was.detectedAt());
        return new AuditEvents.Sent(Topics.INCIDENTS, EventCodec.wrap(EventTypes.INCIDENT_RESOLVED,
                "/goodwill/incident-intake", orderId, T0.plusSeconds(10), incidentId, null, now));
    }

    private static AuditEvents.Sent review(String orderId, String incidentId) {
        DecisionReviewed reviewed = new DecisionReviewed("dec-" + incidentId, incidentId, orderId, "cust-1",
                ReviewAction.APPROVED, "u-4711", "supervisor", null,
                List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"))), null, T0.plusSeconds(11));
        return new AuditEvents.Sent(Topics.DECISIONS, EventCodec.wrap(EventTypes.DECISION_REVIEWED,
                "/goodwill/decision-service", orderId, T0.plusSeconds(11), incidentId, null, reviewed));
    }

    private static AuditEvents.Sent failed(String orderId, String incidentId) {
        FulfilmentRecorded recorded = new FulfilmentRecorded("cmd2-" + incidentId, "dec-" + incidentId, incidentId, orderId,
                "cust-1", Instrument.FULL_REFUND, Money.of(12_999, "EUR"), FulfilmentStatus.FAILED, null, "no executor",
                T0.plusSeconds(12));
        return new AuditEvents.Sent(Topics.FULFILMENT_RESULTS, EventCodec.wrap(EventTypes.FULFILMENT_RECORDED,
                "/goodwill/fulfillment-service", orderId, T0.plusSeconds(12), incidentId, null, recorded));
    }

    private static List<ConsumerRecord<String, String>> publicOf(String key) {
        return PlatformTopics.recordsFor(publicStream, key);
    }
}
