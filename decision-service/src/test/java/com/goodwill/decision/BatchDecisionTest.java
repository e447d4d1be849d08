package com.goodwill.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.messaging.IncidentDecisions;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.policy.GoodwillDecision;
import com.goodwill.decision.policy.GoodwillEngine;
import com.goodwill.decision.policy.PolicyDocument;
import com.goodwill.decision.service.DecisionService;
import com.goodwill.decision.service.DecisionService.Pending;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several incidents decided in one transaction: each decided as it would be alone, in order, against the real broker
 * and PostgreSQL. The batches here are handed to the consumer's transaction directly, so their composition is exact;
 * the Kafka test shows a poll with a bad record in the middle.
 */
@QuarkusTest
class BatchDecisionTest {

    /** A market of its own, so the policy versions activated here decide nothing for the other tests. */
    private static final String MARKET = "BQ";
    private static final Money ORDER = Money.of(10_000, "EUR");

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    IncidentDecisions consumer;
    @Inject
    BudgetLedger ledger;
    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void subscribe() {
        decisions = PlatformTopics.listen(Topics.DECISIONS);
        deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_DECISION);
    }

    @AfterAll
    static void close() {
        decisions.close();
        deadLetters.close();
    }

    @Test
    void batchThatExhaustsABudgetMidwayGrantsWhileItHoldsAndTakesThePolicysExhaustedPathAfter() {
        String channel = channel();
        long grant = grantFor(ORDER);
        long limit = 2 * grant + grant / 2;
        activate(Map.of(channel, limit), "APOLOGY_ONLY");
        List<Incident> incidents = IntStream.range(0, 6).mapToObj(i -> incident(channel)).toList();

        int done = consumer.decideTogether(incidents.stream().map(BatchDecisionTest::pending).toList());

        assertThat(done).as("all six decided in the one transaction").isEqualTo(6);
        String budget = budgetOf(channel);
        List<DecisionEntity> made = decisionsOf(incidents);
        assertThat(made).hasSize(6);
        for (DecisionEntity d : made.subList(0, 2)) {
            assertThat(d.goodwillMinor).as("granted while the budget holds").isEqualTo(grant);
            assertThat(d.budgetId).isEqualTo(budget);
        }
        for (DecisionEntity d : made.subList(2, 6)) {
            assertThat(d.goodwillMinor).as("nothing granted once the budget cannot hold it").isZero();
            assertThat(d.reasonCode).isEqualTo("APOLOGY_ONLY_BUDGET_EXHAUSTED");
        }
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(2 * grant).isLessThanOrEqualTo(limit);
        assertThat(reservations(made)).isEqualTo(2);
        // Exactly once: every incident's event is recorded as processed, and handing the batch in again decides nothing.
        assertThat(consumer.decideTogether(incidents.stream().map(BatchDecisionTest::pending).toList())).isEqualTo(6);
        assertThat(decisionsOf(incidents)).hasSize(6);
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(2 * grant);
    }

    @Test
    void batchStopsBeforeAnIncidentSharingItsCustomerWithAnEarlierOneSoThatOneSeesTheClaimBeforeIt() {
        String channel = channel();
        activate(Map.of(channel, 1_000_000L), "APOLOGY_ONLY");
        Incident first = incident(channel);
        Incident sameCustomer = incident(channel, first.order().customerId());
        Incident other = incident(channel);

        int done = consumer.decideTogether(List.of(pending(first), pending(sameCustomer), pending(other)));

        assertThat(done).as("the run ends before the second incident of the same customer").isEqualTo(1);
        assertThat(decisionsOf(List.of(first))).hasSize(1);
        assertThat(decisionsOf(List.of(sameCustomer, other))).isEmpty();
    }

    @Test
    void recordsAfterTheRunsEndAreNotMarkedProcessedAndAreDecidedWhenHandedInAgain() {
        String channel = channel();
        activate(Map.of(channel, 1_000_000L), "APOLOGY_ONLY");
        Incident first = incident(channel);
        Incident sameCustomer = incident(channel, first.order().customerId());
        Incident other = incident(channel);

        assertThat(consumer.decideTogether(List.of(pending(first), pending(sameCustomer), pending(other)))).isEqualTo(1);

        assertThat(processed(List.of(first))).as("the decided record is marked processed").isEqualTo(1);
        assertThat(processed(List.of(sameCustomer, other))).as("the records after the run's end are not").isZero();
        // Handed in again, as the consumer does with the rest of its piece: they are decided, not skipped.
        assertThat(consumer.decideTogether(List.of(pending(sameCustomer), pending(other)))).isEqualTo(2);
        assertThat(decisionsOf(List.of(first, sameCustomer, other))).hasSize(3);
        assertThat(processed(List.of(first, sameCustomer, other))).isEqualTo(3);
    }

    @Test
    void recordProcessedBeforeCountsAsDoneWhereItStandsWhenTheRunEndsAfterIt() {
        String channel = channel();
        activate(Map.of(channel, 1_000_000L), "APOLOGY_ONLY");
        Incident seen = incident(channel);
        assertThat(consumer.decideTogether(List.of(pending(seen)))).isEqualTo(1);
        Incident first = incident(channel);
        Incident sameCustomer = incident(channel, first.order().customerId());
        Incident last = incident(channel);

        // The redelivered record between two fresh ones is done; the run ends before the second of one customer.
        int done = consumer.decideTogether(List.of(pending(first), pending(seen), pending(sameCustomer), pending(last)));

        assertThat(done).isEqualTo(2);
        assertThat(decisionsOf(List.of(seen, first))).hasSize(2);
        assertThat(decisionsOf(List.of(sameCustomer, last))).isEmpty();
        assertThat(processed(List.of(sameCustomer, last))).isZero();
        assertThat(consumer.decideTogether(List.of(pending(sameCustomer), pending(last)))).isEqualTo(2);
        assertThat(decisionsOf(List.of(sameCustomer, last))).hasSize(2);
    }

    @Test
    void eventGivenTwiceInOneRunIsDecidedOnce() {
        String channel = channel();
        activate(Map.of(channel, 1_000_000L), "APOLOGY_ONLY");
        Incident twice = incident(channel);
        Incident other = incident(channel);

        int done = consumer.decideTogether(List.of(pending(twice), pending(other), pending(twice)));

        assertThat(done).isEqualTo(3);
        assertThat(decisionsOf(List.of(twice, other))).hasSize(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> DecisionEntity.count("incidentId", twice.incidentId())))
                .isEqualTo(1);
    }

    @Test
    void batchesDrawingOnTwoBudgetsInOppositeOrdersNeitherDeadlockNorOverspend() throws Exception {
        String one = channel();
        String two = channel();
        long grant = grantFor(ORDER);
        activate(Map.of(one, 1_000_000L, two, 1_000_000L), "APOLOGY_ONLY");
        int threads = 4;
        int batches = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Incident>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                boolean oneFirst = t % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Incident> decided = new ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        List<Incident> batch = oneFirst ? List.of(incident(one), incident(two), incident(one), incident(two))
                                : List.of(incident(two), incident(one), incident(two), incident(one));
                        // A deadlock or lock timeout would surface here as an exception and fail the test.
                        assertThat(consumer.decideTogether(batch.stream().map(BatchDecisionTest::pending).toList()))
                                .isEqualTo(batch.size());
                        decided.addAll(batch);
                    }
                    return decided;
                }));
            }
            start.countDown();
            List<Incident> all = new ArrayList<>();
            for (Future<List<Incident>> result : results) {
                all.addAll(result.get(180, TimeUnit.SECONDS));
            }
            assertThat(decisionsOf(all)).hasSize(threads * batches * 4).allSatisfy(d -> assertThat(d.goodwillMinor).isEqualTo(grant));
            long each = (long) threads * batches * 2 * grant;
            assertThat(ledger.standing(budgetOf(one)).orElseThrow().reservedMinor()).isEqualTo(each);
            assertThat(ledger.standing(budgetOf(two)).orElseThrow().reservedMinor()).isEqualTo(each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRecordInTheMiddleOfAPollIsDeadLetteredAndItsNeighboursAreDecided() {
        String before = "ord-" + UUID.randomUUID();
        String bad = "ord-" + UUID.randomUUID();
        String after = "ord-" + UUID.randomUUID();
        String garbage = "{\"this\":\"is not a CloudEvent\",\"order\":\"" + bad + "\"}";
        // One partition, one producer flush: the three records reach the consumer in order, normally in one poll.
        List<ProducerRecord<String, String>> records = List.of(
                record(before, EventCodec.toJson(envelope(Flows.delay(before, "cust-" + before, 1, 12, "DE", ORDER)))),
                record(bad, garbage),
                record(after, EventCodec.toJson(envelope(Flows.delay(after, "cust-" + after, 1, 12, "DE", ORDER)))));
        PlatformTopics.companion().produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));

        ConsumerRecord<String, String> dead = PlatformTopics.awaitRecord(deadLetters, bad, garbage, Flows.WAIT);
        assertThat(PlatformTopics.deadLetterReason(dead)).contains("specversion");
        await().atMost(Flows.WAIT).until(() -> !PlatformTopics.recordsFor(decisions, before).isEmpty()
                && !PlatformTopics.recordsFor(decisions, after).isEmpty());
        assertThat(PlatformTopics.recordsFor(decisions, before)).hasSize(1);
        assertThat(PlatformTopics.recordsFor(decisions, after)).hasSize(1);
        assertThat(PlatformTopics.recordsFor(deadLetters, before)).isEmpty();
        assertThat(PlatformTopics.recordsFor(deadLetters, after)).isEmpty();
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INCIDENTS, 0, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** What the shipped policy grants a new customer for a 12 h delay of the order, budget permitting. */
    private static long grantFor(Money orderValue) {
        PolicyDocument sample = PolicyDocument.parse(sampleJson());
        GoodwillEngine engine = new GoodwillEngine(sample, sample.rulesFor(MARKET).orElseThrow());
        Incident incident = incident("any");
        GoodwillDecision decided = engine.decide(new GoodwillEngine.Case(incident,
                CustomerFigures.unknown(incident.order().customerId(), orderValue.currency()), RiskSignals.none("card"),
                GoodwillEngine.History.NONE, TestClock.CLOCK.instant(), Set.of()), GoodwillEngine.BudgetBook.FRESH);
        assertThat(decided.goodwillMinor()).as("the shipped policy grants something for a 12 h delay").isPositive();
        return decided.goodwillMinor();
    }

    /** The shipped policy with a budget of its own per channel in front, activated for {@link #MARKET}. */
    private static void activate(Map<String, Long> limitByChannel, String whenExhausted) {
        ObjectNode document = (ObjectNode) readTree(sampleJson());
        ArrayNode budgets = (ArrayNode) document.get("budgets");
        limitByChannel.forEach((channel, limit) -> {
            ObjectNode budget = budgets.insertObject(0);
            budget.put("channel", channel).put("segment", "*").put("incidentClass", "*").put("owner", "batch-test")
                    .put("whenExhausted", whenExhausted);
            budget.putObject("baseMinor").put("*", limit);
        });
        String version = given().contentType("application/json").queryParam("createdBy", "batch-test")
                .body(document.toString()).post("/api/policies").then().statusCode(201).extract().path("version");
        given().contentType("application/json").body("{\"market\":\"" + MARKET + "\",\"activatedBy\":\"batch-test\"}")
                .post("/api/policies/{version}/activations", version).then().statusCode(201);
    }

    private static JsonNode readTree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sampleJson() {
        try (InputStream in = BatchDecisionTest.class.getClassLoader().getResourceAsStream("policy/sample-policy.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String channel() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String budgetOf(String channel) {
        return YearMonth.from(TestClock.CLOCK.instant().atZone(ZoneOffset.UTC)) + "/" + channel + "/*/*/EUR";
    }

    private static Incident incident(String channel) {
        return incident(channel, "cust-" + UUID.randomUUID());
    }

    /** A 12 h delay of a new order in {@link #MARKET}, bought through the channel. */
    private static Incident incident(String channel, String customerId) {
        String orderId = "ord-" + UUID.randomUUID();
        Instant promised = TestClock.CLOCK.instant().minus(Duration.ofHours(13));
        return new Incident("inc-" + orderId, IncidentLifecycle.OPENED, 1, orderId, "shp-" + orderId, "TRK-" + orderId,
                "DHL", IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 12L, null,
                promised.plus(Duration.ofHours(12)), "batch test", List.of("evt-1"),
                new OrderContext(customerId, MARKET, channel, "card", ORDER, promised),
                TestClock.CLOCK.instant().minus(Duration.ofMinutes(5)));
    }

    private static EventEnvelope envelope(Incident incident) {
        return EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake", incident.orderId(),
                incident.detectedAt(), incident.incidentId(), null, incident);
    }

    private static Pending pending(Incident incident) {
        // The envelope's id derives from the incident, so handing the same incident in again is a redelivery.
        EventEnvelope event = EventCodec.wrap(com.goodwill.kit.ids.DerivedId.of("incident-event", incident.incidentId()),
                EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake", incident.orderId(), incident.detectedAt(),
                incident.incidentId(), null, incident);
        return new Pending(event, Optional.of(incident));
    }

    /** The incidents' decisions, in the incidents' order. */
    private List<DecisionEntity> decisionsOf(List<Incident> incidents) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DecisionEntity> found = new ArrayList<>();
            for (Incident incident : incidents) {
                DecisionEntity.<DecisionEntity>find("incidentId", incident.incidentId()).firstResultOptional()
                        .ifPresent(found::add);
            }
            return found;
        });
    }

    /** How many of the incidents' events the incident consumer has recorded as processed. */
    private long processed(List<Incident> incidents) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from processed_event where consumer = 'decision-service.incidents' and event_id in (?1)")
                .setParameter(1, incidents.stream().map(i -> pending(i).cause().id()).toList()).getSingleResult()).longValue());
    }

    private long reservations(List<DecisionEntity> made) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from budget_reservation where accepted and decision_id in (?1)")
                .setParameter(1, made.stream().map(d -> d.decisionId).toList()).getSingleResult()).longValue());
    }
}
