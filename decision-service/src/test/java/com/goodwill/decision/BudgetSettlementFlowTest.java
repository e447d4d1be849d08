package com.goodwill.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.decision.metrics.BudgetGauges;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.awaitRecord;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Fulfilment results in on the real broker settle budget reservations in the real database; burn over REST and as
 * gauges.
 */
@QuarkusTest
class BudgetSettlementFlowTest {

    private static final String CONSUMER = "decision-service.fulfilment-results";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OWNER = "cs-goodwill";

    private static ConsumerTask<String, String> deadLetters;

    @Inject
    BudgetLedger ledger;

    @Inject
    BudgetGauges gauges;

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void subscribe() {
        deadLetters = listen(Topics.DEAD_LETTER_DECISION);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
    }

    @Test
    void succeededCommandConsumesWhatItExecutedOnce() {
        String budget = newBudget();
        String decision = reserved(budget, 650);
        EventEnvelope received = send(result(decision, FulfilmentStatus.RECEIVED, 650));
        EventEnvelope succeeded = send(result(decision, FulfilmentStatus.SUCCEEDED, 650));
        // The same step redelivered, and again under another envelope id: consumed once.
        publish(Topics.FULFILMENT_RESULTS, succeeded);
        EventEnvelope again = send(result(decision, FulfilmentStatus.SUCCEEDED, 650));
        awaitProcessed(received, succeeded, again);

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 650));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(BudgetEntry.Kind.RESERVED, 650L), tuple(BudgetEntry.Kind.CONSUMED, 650L));
    }

    @Test
    void failedCommandReleasesItsReservation() {
        String budget = newBudget();
        String decision = reserved(budget, 650);
        awaitProcessed(send(result(decision, FulfilmentStatus.EXECUTING, 650)), send(result(decision, FulfilmentStatus.FAILED, 650)));

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 0));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(BudgetEntry.Kind.RESERVED, 650L), tuple(BudgetEntry.Kind.RELEASED, 650L));
    }

    @Test
    void commandFulfilledByACheaperFallbackConsumesWhatTheFallbackCost() {
        String budget = newBudget();
        String decision = reserved(budget, 2_500);
        FulfilmentRecorded fallback = new FulfilmentRecorded(commandOf(decision), decision, "inc-" + decision, "ord-" + decision,
                "cust-1", Instrument.STORE_CREDIT, Money.of(1_800, "EUR"), FulfilmentStatus.FULFILLED_BY_FALLBACK,
                "credit-1", "replacement out of stock; store credit instead", Instant.now(clock));
        awaitProcessed(send(fallback));

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 1_800));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(BudgetEntry.Kind.RESERVED, 2_500L), tuple(BudgetEntry.Kind.CONSUMED, 1_800L),
                        tuple(BudgetEntry.Kind.RELEASED, 700L));
    }

    @Test
    void otherEventsOnTheTopicMoveNoBudget() {
        String budget = newBudget();
        String decision = reserved(budget, 650);
        String orderId = "ord-" + decision;
        EventEnvelope notified = EventCodec.wrap(EventTypes.CUSTOMER_NOTIFIED, "/goodwill/fulfillment-service", orderId,
                Instant.now(clock), null, null, Map.of("commandId", commandOf(decision), "decisionId", decision));
        EventEnvelope granted = EventCodec.wrap(EventTypes.ENTITLEMENT_GRANTED, "/goodwill/fulfillment-service", orderId,
                Instant.now(clock), null, null, Map.of("commandId", commandOf(decision), "decisionId", decision));
        publish(Topics.FULFILMENT_RESULTS, notified);
        publish(Topics.FULFILMENT_RESULTS, granted);
        awaitProcessed(notified, granted);

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 650, 0));
    }

    @Test
    void unreadableResultsAreDeadLetteredWithTheirReasonAndTheConsumerGoesOn() {
        String budget = newBudget();
        String decision = reserved(budget, 650);
        String orderId = "ord-" + decision;
        String garbage = "not json at all";
        produceRaw(Topics.FULFILMENT_RESULTS, orderId, garbage);
        EventEnvelope withoutAmount = EventCodec.wrap(EventTypes.FULFILMENT_RECORDED, "/goodwill/fulfillment-service", orderId,
                Instant.now(clock), null, null, withoutAmount(result(decision, FulfilmentStatus.SUCCEEDED, 0)));
        publish(Topics.FULFILMENT_RESULTS, withoutAmount);
        EventEnvelope succeeded = send(result(decision, FulfilmentStatus.SUCCEEDED, 600));

        assertThat(deadLetterReason(awaitRecord(deadLetters, orderId, garbage, WAIT))).contains("not a CloudEvent");
        assertThat(deadLetterReason(awaitRecord(deadLetters, orderId, EventCodec.toJson(withoutAmount), WAIT))).contains("amount");
        awaitProcessed(succeeded);
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 600));
    }

    @Test
    void burnPerBudgetIsServedOverRestAndAsGauges() {
        String budget = newBudget();
        String decision = reserved(budget, 2_500);
        reserved(budget, 1_500);
        awaitProcessed(send(result(decision, FulfilmentStatus.SUCCEEDED, 2_000)));
        String month = YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();

        given().queryParam("month", month).get("/api/budgets").then()
                .statusCode(200)
                .body("find { it.budgetId == '" + budget + "' }.owner", is(OWNER))
                .body("find { it.budgetId == '" + budget + "' }.month", is(month))
                .body("find { it.budgetId == '" + budget + "' }.limitMinor", is(10_000))
                .body("find { it.budgetId == '" + budget + "' }.reservedMinor", is(1_500))
                .body("find { it.budgetId == '" + budget + "' }.consumedMinor", is(2_000))
                .body("find { it.budgetId == '" + budget + "' }.availableMinor", is(6_500))
                .body("find { it.budgetId == '" + budget + "' }.burnPercent", is(20.0f))
                .body("find { it.budgetId == '" + budget + "' }.committedPercent", is(35.0f));
        given().get("/api/budgets/" + budget).then().statusCode(200).body("consumedMinor", is(2_000));
        given().queryParam("limit", 3).get("/api/budgets/" + budget + "/entries").then()
                .statusCode(200)
                .body("entries", hasSize(3))
                .body("entries.kind", org.hamcrest.Matchers.contains("RESERVED", "RESERVED", "CONSUMED"))
                .body("entries[2].decisionId", is(decision))
                .body("next", org.hamcrest.Matchers.notNullValue());
        long next = given().queryParam("limit", 3).get("/api/budgets/" + budget + "/entries").then()
                .extract().jsonPath().getLong("next");
        given().queryParam("after", next).get("/api/budgets/" + budget + "/entries").then()
                .statusCode(200)
                .body("entries.kind", org.hamcrest.Matchers.contains("RELEASED"))
                .body("entries[0].amountMinor", is(500))
                .body("next", nullValue());

        gauges.refresh();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "goodwill_budget_limit_minor", budget)).isEqualTo(10_000.0);
        assertThat(gauge(metrics, "goodwill_budget_reserved_minor", budget)).isEqualTo(1_500.0);
        assertThat(gauge(metrics, "goodwill_budget_consumed_minor", budget)).isEqualTo(2_000.0);
    }

    @Test
    void badBudgetParametersAreProblemsNamingTheParameter() {
        given().queryParam("month", "November").get("/api/budgets").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("month"));
        String budget = newBudget();
        reserved(budget, 100);
        given().queryParam("limit", 0).get("/api/budgets/" + budget + "/entries").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().queryParam("after", "x").get("/api/budgets/" + budget + "/entries").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("after"));
        given().get("/api/budgets/2026-01/none/*/DELAY/entries").then()
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("2026-01/none/*/DELAY"));
    }

    // --- helpers

    /** The value of the gauge for the budget, from the Prometheus text; its line carries currency and owner too. */
    private static double gauge(String metrics, String name, String budget) {
        String line = metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains("budget=\"" + budget + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + budget));
        assertThat(line).contains("currency=\"EUR\"").contains("owner=\"" + OWNER + "\"");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private String newBudget() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)) + "/web/seg-" + UUID.randomUUID() + "/DELAY";
    }

    private String reserved(String budget, long amount) {
        String decision = "dec-" + UUID.randomUUID();
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                ledger.reserve(budget, OWNER, "EUR", 10_000, decision, amount))).isTrue();
        return decision;
    }

    private static String commandOf(String decision) {
        return "cmd-" + decision;
    }

    private FulfilmentRecorded result(String decision, FulfilmentStatus status, long amount) {
        return new FulfilmentRecorded(commandOf(decision), decision, "inc-" + decision, "ord-" + decision, "cust-1",
                Instrument.STORE_CREDIT, Money.of(amount, "EUR"), status, null, null, Instant.now(clock));
    }

    private static ObjectNode withoutAmount(FulfilmentRecorded recorded) {
        ObjectNode data = EventCodec.mapper().valueToTree(recorded);
        data.remove("amount");
        return data;
    }

    private EventEnvelope send(FulfilmentRecorded recorded) {
        EventEnvelope envelope = EventCodec.wrap(EventTypes.FULFILMENT_RECORDED, "/goodwill/fulfillment-service",
                recorded.orderId(), recorded.recordedAt(), recorded.incidentId(), null, recorded);
        publish(Topics.FULFILMENT_RESULTS, envelope);
        return envelope;
    }

    private BudgetStanding standing(String budget) {
        return ledger.standing(budget).orElseThrow();
    }

    private void awaitProcessed(EventEnvelope... events) {
        await().atMost(WAIT).until(() -> List.of(events).stream().allMatch(e -> processed(e.id())));
    }

    private boolean processed(String envelopeId) {
        return ReliabilityTables.processed(database, CONSUMER, envelopeId);
    }
}
