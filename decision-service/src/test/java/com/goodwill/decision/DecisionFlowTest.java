package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
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

import static com.goodwill.testsupport.PlatformTopics.awaitRecord;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** Incidents in on Kafka; decisions and compensation commands out on Kafka; against the real broker and database. */
@QuarkusTest
class DecisionFlowTest {

    private static final String CONSUMER = "decision-service.incidents";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> commands;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void subscribe() {
        decisions = listen(Topics.DECISIONS);
        commands = listen(Topics.COMPENSATION_COMMANDS);
        deadLetters = listen(Topics.DEAD_LETTER_DECISION);
    }

    @AfterAll
    static void close() {
        decisions.close();
        commands.close();
        deadLetters.close();
    }

    @Test
    void incidentYieldsOneDecisionAndOneStoreCreditCommand() {
        String orderId = "ord-" + UUID.randomUUID();
        Incident incident = incident(orderId, Money.of(12_999, "EUR"));
        EventEnvelope cause = envelope(incident);
        publish(Topics.INCIDENTS, cause);

        awaitOne(decisions, orderId);
        awaitOne(commands, orderId);
        // Exactly one of each: counted again once everything the service published is visible to the test.
        await().atMost(WAIT).until(this::outboxEmpty);
        awaitEverythingPublishedBefore(orderId);
        ConsumerRecord<String, String> decisionRecord = awaitOne(decisions, orderId);
        ConsumerRecord<String, String> commandRecord = awaitOne(commands, orderId);

        EventEnvelope madeEvent = EventCodec.parse(decisionRecord.value());
        assertThat(madeEvent.type()).isEqualTo(EventTypes.DECISION_MADE);
        assertThat(madeEvent.subject()).isEqualTo(orderId);
        assertThat(madeEvent.correlationid()).isEqualTo(incident.incidentId());
        assertThat(madeEvent.causationid()).isEqualTo(cause.id());
        DecisionMade made = EventCodec.dataAs(madeEvent, DecisionMade.class);
        assertThat(made.incidentId()).isEqualTo(incident.incidentId());
        assertThat(made.customerId()).isEqualTo(incident.order().customerId());
        assertThat(made.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(made.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365, false));
        assertThat(made.tier()).isEqualTo("AUTO");
        assertThat(made.reasonCode()).isEqualTo("STORE_CREDIT_SHARE_OF_ORDER");
        // The version in force for DE: the shipped sample, activated for every market at first start.
        assertThat(made.policyVersion()).isEqualTo(activeVersion("DE"));
        assertThat(made.costCentre()).isEqualTo("CS-GOODWILL");
        assertThat(made.narrative()).contains("6.50 EUR");

        EventEnvelope commandEvent = EventCodec.parse(commandRecord.value());
        assertThat(commandEvent.type()).isEqualTo(EventTypes.COMPENSATION_REQUESTED);
        assertThat(commandEvent.causationid()).isEqualTo(madeEvent.id());
        CompensationRequested command = EventCodec.dataAs(commandEvent, CompensationRequested.class);
        assertThat(command.decisionId()).isEqualTo(made.decisionId());
        assertThat(command.incidentId()).isEqualTo(incident.incidentId());
        assertThat(command.orderId()).isEqualTo(orderId);
        assertThat(command.customerId()).isEqualTo(incident.order().customerId());
        assertThat(command.instrument()).isEqualTo(Instrument.STORE_CREDIT);
        assertThat(command.amount()).isEqualTo(Money.of(650, "EUR"));
        assertThat(command.idempotencyKey()).isEqualTo("goodwill-" + command.commandId());
    }

    @Test
    void capFromThePolicyLimitsTheCreditInThatCurrency() {
        String orderId = "ord-" + UUID.randomUUID();
        publish(Topics.INCIDENTS, envelope(incident(orderId, Money.of(100_000, "GBP"))));

        CompensationRequested command = EventCodec.dataAs(EventCodec.parse(awaitOne(commands, orderId).value()),
                CompensationRequested.class);
        DecisionMade made = EventCodec.dataAs(EventCodec.parse(awaitOne(decisions, orderId).value()), DecisionMade.class);
        assertThat(command.amount()).isEqualTo(Money.of(1800, "GBP"));
        assertThat(made.reasonCode()).isEqualTo("STORE_CREDIT_CAPPED");
    }

    @Test
    void sameIncidentAgainUnderTheSameOrANewEnvelopeDecidesNothingNew() {
        String orderId = "ord-" + UUID.randomUUID();
        Incident incident = incident(orderId, Money.of(12_999, "EUR"));
        EventEnvelope first = envelope(incident);
        publish(Topics.INCIDENTS, first);
        awaitOne(decisions, orderId);
        awaitOne(commands, orderId);

        // The same record redelivered, then the same incident detected again and sent under a new envelope id.
        EventEnvelope again = envelope(incident);
        publish(Topics.INCIDENTS, first);
        publish(Topics.INCIDENTS, again);
        // Same key, same partition: once the second envelope is processed, so is the redelivery before it.
        await().atMost(WAIT).until(() -> processed(again.id()));
        await().atMost(WAIT).until(this::outboxEmpty);
        awaitEverythingPublishedBefore(orderId);

        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from decision where incident_id = ?1")
                .setParameter(1, incident.incidentId()).getSingleResult()).longValue())).isEqualTo(1);
        assertThat(platformRecords(decisions, orderId)).hasSize(1);
        assertThat(platformRecords(commands, orderId)).hasSize(1);
        given().queryParam("orderId", orderId).get("/api/decisions").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void recordThatIsNotACloudEventIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
        String orderId = "ord-" + UUID.randomUUID();
        String garbage = "{\"this\":\"is not a CloudEvent\",\"order\":\"" + orderId + "\"}";
        produceRaw(Topics.INCIDENTS, orderId, garbage);
        publish(Topics.INCIDENTS, envelope(incident(orderId, Money.of(12_999, "EUR"))));

        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, orderId, garbage, WAIT);
        assertThat(deadLetterReason(dead)).contains("specversion");
        // The valid incident behind the bad record in the same partition is still decided.
        awaitOne(decisions, orderId);
    }

    @Test
    void incidentWithoutOrderContextIsDeadLetteredAndNotDecided() {
        String orderId = "ord-" + UUID.randomUUID();
        Incident complete = incident(orderId, Money.of(12_999, "EUR"));
        Incident withoutOrder = new Incident(complete.incidentId(), complete.lifecycle(), complete.revision(), orderId,
                complete.shipmentId(), complete.trackingNumber(), complete.carrier(), complete.incidentClass(),
                complete.severity(), complete.source(), complete.delayHours(), null, complete.expectedDeliveryAt(),
                complete.reason(), complete.evidence(), null,
                complete.detectedAt());
        EventEnvelope event = envelope(withoutOrder);
        String record = EventCodec.toJson(event);
        publish(Topics.INCIDENTS, event);

        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, orderId, record, WAIT);
        assertThat(deadLetterReason(dead)).contains("order context");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from decision where incident_id = ?1")
                .setParameter(1, complete.incidentId()).getSingleResult()).longValue())).isZero();
        // Nothing of the rejected record survived its rolled-back transaction, not even its processed-event row.
        assertThat(processed(event.id())).isFalse();
    }

    @Test
    void decisionsOfAnOrderAreQueryableOverRest() {
        String orderId = "ord-" + UUID.randomUUID();
        Incident incident = incident(orderId, Money.of(12_999, "EUR"));
        publish(Topics.INCIDENTS, envelope(incident));
        DecisionMade made = EventCodec.dataAs(EventCodec.parse(awaitOne(decisions, orderId).value()), DecisionMade.class);

        given().queryParam("orderId", orderId).get("/api/decisions").then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].decisionId", is(made.decisionId()))
                .body("[0].incidentId", is(incident.incidentId()))
                .body("[0].instrument", is("STORE_CREDIT"))
                .body("[0].amountMinor", is(650))
                .body("[0].currency", is("EUR"))
                .body("[0].reasonCode", is("STORE_CREDIT_SHARE_OF_ORDER"))
                .body("[0].policyVersion", is(activeVersion("DE")));
        given().get("/api/decisions/{id}", made.decisionId()).then()
                .statusCode(200)
                .body("orderId", is(orderId))
                .body("narrative", is(made.narrative()));
    }

    @Test
    void decisionsWithoutOrderIdIsA400ProblemNamingTheField() {
        given().get("/api/decisions").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("orderId"));
    }

    @Test
    void unknownDecisionIsA404Problem() {
        given().get("/api/decisions/{id}", "unknown").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
    }

    private static String activeVersion(String market) {
        return given().queryParam("market", market).get("/api/policies/active").then().statusCode(200)
                .body("market", is("*")).extract().path("version");
    }

    /** Each order has a customer of its own, so that one test's claims never count against another's customer. */
    private static Incident incident(String orderId, Money orderValue) {
        Instant promised = Instant.parse("2026-11-20T18:00:00Z");
        return new Incident("inc-" + UUID.randomUUID(), IncidentLifecycle.OPENED, 1, orderId, "shp-1", "TRK1", "DHL",
                IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, promised.plusSeconds(42 * 3600),
                "42 h late", List.of("evt-1"),
                new OrderContext("cust-" + orderId, "DE", "web", "card", orderValue, promised), promised.minusSeconds(3600));
    }

    private static EventEnvelope envelope(Incident incident) {
        return EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake", incident.orderId(),
                incident.detectedAt(), incident.incidentId(), null, incident);
    }

    /** The service's own records, without the markers this test puts on the topic. */
    private static List<ConsumerRecord<String, String>> platformRecords(ConsumerTask<String, String> task, String orderId) {
        return recordsFor(task, orderId).stream().filter(r -> !r.value().startsWith("marker-")).toList();
    }

    private static ConsumerRecord<String, String> awaitOne(ConsumerTask<String, String> task, String orderId) {
        await().atMost(WAIT).until(() -> !platformRecords(task, orderId).isEmpty());
        List<ConsumerRecord<String, String>> found = platformRecords(task, orderId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /**
     * Once the outbox is empty, everything the service published is on the broker. A marker sent after it with the
     * same key lands behind it in the same partition, so when the test's consumers see the marker they have seen all.
     */
    private static void awaitEverythingPublishedBefore(String orderId) {
        String marker = "marker-" + UUID.randomUUID();
        produceRaw(Topics.DECISIONS, orderId, marker);
        produceRaw(Topics.COMPENSATION_COMMANDS, orderId, marker);
        await().atMost(WAIT).until(() -> recordsFor(decisions, orderId).stream().anyMatch(r -> marker.equals(r.value()))
                && recordsFor(commands, orderId).stream().anyMatch(r -> marker.equals(r.value())));
    }

    private boolean processed(String envelopeId) {
        return ReliabilityTables.processed(database, CONSUMER, envelopeId);
    }

    private boolean outboxEmpty() {
        return ReliabilityTables.outboxEmpty(database);
    }
}
