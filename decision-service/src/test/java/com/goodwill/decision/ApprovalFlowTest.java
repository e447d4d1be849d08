package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.service.ReviewTimer;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.goodwill.decision.Flows.commands;
import static com.goodwill.decision.Flows.decision;
import static com.goodwill.decision.Flows.delay;
import static com.goodwill.decision.Flows.drain;
import static com.goodwill.decision.Flows.events;
import static com.goodwill.decision.Flows.id;
import static com.goodwill.decision.Flows.review;
import static com.goodwill.decision.Flows.send;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Decisions pending approval over REST and the review timer, over the real broker and database. A 1,000.00 EUR order
 * 80 h late earns a partial refund of 50.00 EUR (10 %, capped): above the automatic 25.00 EUR, a supervisor's tier.
 * Market AT runs a variant of the sample whose supervisor tier ends at 20.00 EUR, so the same case needs a manager.
 */
@QuarkusTest
class ApprovalFlowTest {

    private static final Money ORDER = Money.of(100_000, "EUR");

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> commands;
    private static boolean managerMarketActive;

    @Inject
    AgroalDataSource database;
    @Inject
    BudgetLedger budgets;
    @Inject
    ReviewTimer timer;

    @BeforeAll
    static void subscribe() {
        decisions = listen(Topics.DECISIONS);
        commands = listen(Topics.COMPENSATION_COMMANDS);
    }

    @AfterAll
    static void close() {
        decisions.close();
        commands.close();
    }

    @Test
    void supervisorApprovesAPendingDecisionAndItsCommandGoesOut() {
        DecisionMade made = pendingIn("DE");
        assertThat(made.tier()).isEqualTo("SUPERVISOR");
        assertThat(made.requiredRole()).isEqualTo("supervisor");
        assertThat(made.reviewDueAt()).isEqualTo(made.decidedAt().plus(Duration.ofMinutes(240)));
        assertThat(made.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.PARTIAL_REFUND);
        // Nothing is executed while the decision waits.
        await().atMost(Flows.WAIT).until(this::outboxEmpty);
        drain(commands, Topics.COMPENSATION_COMMANDS, made.orderId());
        assertThat(events(commands, made.orderId(), EventTypes.COMPENSATION_REQUESTED)).isEmpty();

        given().queryParam("tier", "SUPERVISOR").queryParam("market", "DE").queryParam("role", "supervisor")
                .get("/api/approvals").then().statusCode(200)
                .body("decisionId", hasItem(made.decisionId()))
                .body("find { it.decisionId == '" + made.decisionId() + "' }.priceTag.amountMinor", is(5000))
                .body("find { it.decisionId == '" + made.decisionId() + "' }.alternatives[0].instrument", is("STORE_CREDIT"))
                .body("find { it.decisionId == '" + made.decisionId() + "' }.choiceHours", is(48))
                .body("find { it.decisionId == '" + made.decisionId() + "' }.reviewReasons[0]",
                        is("it exceeds the automatic limit of 25.00 EUR"))
                .body("find { it.decisionId == '" + made.decisionId() + "' }.risk.score", notNullValue())
                .body("find { it.decisionId == '" + made.decisionId() + "' }.pendingSince", notNullValue())
                .body("find { it.decisionId == '" + made.decisionId() + "' }.dueAt", notNullValue());
        given().queryParam("olderThanMinutes", 60).get("/api/approvals").then().statusCode(200)
                .body("decisionId", not(hasItem(made.decisionId())));

        // The supervisor approves an hour later (the clock goes back afterwards: the other tests' pending decisions
        // keep their time limits).
        TestClock.CLOCK.advance(Duration.ofHours(1));
        try {
            given().contentType("application/json").body("{\"actor\":\"u-4711\",\"role\":\"supervisor\",\"note\":\"ok\"}")
                    .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(200)
                    .body("reviewState", is("APPROVED"))
                    .body("reviews[0].action", is("APPROVED"))
                    .body("reviews[0].actor", is("u-4711"));

            DecisionReviewed reviewed = review(decisions, made.orderId(), 1);
            assertThat(reviewed.action()).isEqualTo(ReviewAction.APPROVED);
            assertThat(reviewed.actor()).isEqualTo("u-4711");
            assertThat(reviewed.role()).isEqualTo("supervisor");
            assertThat(reviewed.remedies()).isEqualTo(made.remedies());
            CompensationRequested command = commands(commands, made.orderId(), 1).get(0);
            assertThat(command.decisionId()).isEqualTo(made.decisionId());
            assertThat(command.instrument()).isEqualTo(Instrument.PARTIAL_REFUND);
            assertThat(command.amount()).isEqualTo(Money.of(5000, "EUR"));
            // The customer's time to choose runs from the approval, not from the decision.
            assertThat(command.alternatives()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
            assertThat(command.choiceUntil()).isEqualTo(command.requestedAt().plus(Duration.ofHours(48)));
            assertThat(command.requestedAt()).isAfterOrEqualTo(made.decidedAt().plus(Duration.ofHours(1)));
        } finally {
            TestClock.CLOCK.advance(Duration.ofHours(-1));
        }
        given().get("/api/approvals").then().statusCode(200).body("decisionId", not(hasItem(made.decisionId())));

        // Approving again is refused: the decision is no longer pending.
        given().contentType("application/json").body("{\"actor\":\"u-4711\",\"role\":\"supervisor\"}")
                .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void adjustmentNeedsANoteAndTheOrdersCurrencyAndGrantsTheAdjustedRemedy() {
        DecisionMade made = pendingIn("DE");
        String path = "/api/approvals/{id}/adjust";

        given().contentType("application/json").body("""
                {"actor":"u-1","role":"supervisor","instrument":"STORE_CREDIT","amount":{"amountMinor":3000,"currency":"EUR"}}
                """).post(path, made.decisionId()).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("note"));
        given().contentType("application/json").body("""
                {"actor":"u-1","role":"supervisor","note":"customer prefers credit","instrument":"STORE_CREDIT",
                 "amount":{"amountMinor":3000,"currency":"GBP"}}
                """).post(path, made.decisionId()).then().statusCode(400).body("errors.field", hasItem("amount.currency"));
        // A supervisor may not raise the remedy into the manager's tier (above 100.00 EUR).
        given().contentType("application/json").body("""
                {"actor":"u-1","role":"supervisor","note":"generous","instrument":"STORE_CREDIT",
                 "amount":{"amountMinor":15000,"currency":"EUR"}}
                """).post(path, made.decisionId()).then().statusCode(403).body("errors.field", hasItem("role"));

        given().contentType("application/json").body("""
                {"actor":"u-1","role":"supervisor","note":"customer prefers credit","instrument":"STORE_CREDIT",
                 "amount":{"amountMinor":3000,"currency":"EUR"}}
                """).post(path, made.decisionId()).then().statusCode(200)
                .body("reviewState", is("ADJUSTED"))
                .body("instrument", is("STORE_CREDIT"))
                .body("goodwill.amountMinor", is(3000));

        DecisionReviewed reviewed = review(decisions, made.orderId(), 1);
        assertThat(reviewed.action()).isEqualTo(ReviewAction.ADJUSTED);
        assertThat(reviewed.note()).isEqualTo("customer prefers credit");
        assertThat(reviewed.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(3000, "EUR")));
        CompensationRequested command = commands(commands, made.orderId(), 1).get(0);
        assertThat(command.instrument()).isEqualTo(Instrument.STORE_CREDIT);
        assertThat(command.amount()).isEqualTo(Money.of(3000, "EUR"));
        assertThat(command.messageTemplate()).isEqualTo("goodwill-store-credit");
        // The policy's alternatives belonged to the refund it proposed: the adjusted credit offers no choice.
        assertThat(command.alternatives()).isEmpty();
        assertThat(command.choiceUntil()).isNull();
        given().get("/api/decisions/{id}", made.decisionId()).then().body("alternatives", hasSize(0))
                .body("choiceHours", nullValue());
    }

    @Test
    void rejectionNeedsAReasonPublishesWhoRejectedAndReleasesTheBudget() {
        DecisionMade made = pendingIn("DE");
        given().contentType("application/json").body("{\"actor\":\"u-2\",\"role\":\"supervisor\"}")
                .post("/api/approvals/{id}/reject", made.decisionId()).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));

        given().contentType("application/json").body("{\"actor\":\"u-2\",\"role\":\"supervisor\",\"reason\":\"duplicate claim\"}")
                .post("/api/approvals/{id}/reject", made.decisionId()).then().statusCode(200)
                .body("reviewState", is("REJECTED")).body("goodwill.amountMinor", is(0));

        DecisionReviewed reviewed = review(decisions, made.orderId(), 1);
        assertThat(reviewed.action()).isEqualTo(ReviewAction.REJECTED);
        assertThat(reviewed.note()).isEqualTo("duplicate claim");
        assertThat(reviewed.remedies()).isEmpty();
        List<BudgetEntry> entries = QuarkusTransaction.requiringNew().call(() -> budgets.entries(made.budgetId(), 0, 100_000));
        assertThat(entries).filteredOn(e -> e.decisionId().equals(made.decisionId()))
                .extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                // The proposed refund is 50.00 EUR; the reservation held the 75.00 EUR store credit the customer could
                // have chosen instead, and all of it goes back.
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BudgetEntry.Kind.RESERVED, 7500L),
                        org.assertj.core.groups.Tuple.tuple(BudgetEntry.Kind.RELEASED, 7500L));
        await().atMost(Flows.WAIT).until(this::outboxEmpty);
        drain(commands, Topics.COMPENSATION_COMMANDS, made.orderId());
        assertThat(events(commands, made.orderId(), EventTypes.COMPENSATION_REQUESTED)).isEmpty();
    }

    @Test
    void supervisorCannotActOnAManagersDecisionAndAManagerNeedsACaseNote() {
        DecisionMade made = pendingIn("AT");
        assertThat(made.tier()).isEqualTo("MANAGER");
        assertThat(made.requiredRole()).isEqualTo("goodwill-manager");

        given().contentType("application/json").body("{\"actor\":\"u-3\",\"role\":\"supervisor\",\"note\":\"fine\"}")
                .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(403)
                .contentType("application/problem+json").body("errors.field", hasItem("role"));
        given().contentType("application/json").body("{\"actor\":\"u-3\",\"role\":\"supervisor\",\"reason\":\"no\"}")
                .post("/api/approvals/{id}/reject", made.decisionId()).then().statusCode(403);
        given().contentType("application/json").body("{\"actor\":\"u-3\",\"role\":\"intern\",\"note\":\"fine\"}")
                .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(403);
        given().contentType("application/json").body("{\"actor\":\"m-1\",\"role\":\"goodwill-manager\"}")
                .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(400)
                .body("errors.field", hasItem("note"));
        given().queryParam("role", "supervisor").get("/api/approvals").then().statusCode(200)
                .body("decisionId", not(hasItem(made.decisionId())));

        given().contentType("application/json")
                .body("{\"actor\":\"m-1\",\"role\":\"goodwill-manager\",\"note\":\"long-standing customer, carrier at fault\"}")
                .post("/api/approvals/{id}/approve", made.decisionId()).then().statusCode(200)
                .body("reviewState", is("APPROVED"));
        assertThat(review(decisions, made.orderId(), 1).note()).isEqualTo("long-standing customer, carrier at fault");
        assertThat(commands(commands, made.orderId(), 1).get(0).amount()).isEqualTo(Money.of(5000, "EUR"));
    }

    @Test
    void unknownDecisionAndMissingActorAreProblems() {
        given().contentType("application/json").body("{\"actor\":\"u-1\",\"role\":\"supervisor\"}")
                .post("/api/approvals/{id}/approve", "no-such-decision").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"role\":\"supervisor\"}")
                .post("/api/approvals/{id}/approve", "no-such-decision").then().statusCode(400)
                .body("errors.field", hasItem("actor"));
        given().queryParam("tier", "GOLD").get("/api/approvals").then().statusCode(400).body("errors.field", hasItem("tier"));
    }

    @Test
    void unreviewedDecisionEscalatesToTheNextRoleThenTheFallbackApplies() {
        DecisionMade made = pendingIn("DE");

        TestClock.CLOCK.advance(Duration.ofMinutes(239));
        assertThat(timer.sweep()).isZero();
        TestClock.CLOCK.advance(Duration.ofMinutes(2));
        assertThat(timer.sweep()).isPositive();

        DecisionReviewed escalated = review(decisions, made.orderId(), 1);
        assertThat(escalated.action()).isEqualTo(ReviewAction.ESCALATED);
        assertThat(escalated.actor()).isEqualTo("decision-service");
        assertThat(escalated.escalatedTo()).isEqualTo("goodwill-manager");
        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200)
                .body("reviewState", is("PENDING")).body("requiredRole", is("goodwill-manager")).body("tier", is("MANAGER"));

        TestClock.CLOCK.advance(Duration.ofMinutes(1441));
        timer.sweep();

        DecisionReviewed settled = review(decisions, made.orderId(), 2);
        assertThat(settled.action()).isEqualTo(ReviewAction.FALLBACK_APPLIED);
        // The fallback of an amount review: the largest cheaper remedy the AUTO tier grants, 5 % as store credit
        // capped at 20.00 EUR.
        assertThat(settled.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(2000, "EUR"), 365, false));
        CompensationRequested command = commands(commands, made.orderId(), 1).get(0);
        assertThat(command.instrument()).isEqualTo(Instrument.STORE_CREDIT);
        assertThat(command.amount()).isEqualTo(Money.of(2000, "EUR"));
        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200)
                .body("reviewState", is("FALLBACK_APPLIED")).body("reviews.action", is(List.of("ESCALATED", "FALLBACK_APPLIED")));
    }

    @Test
    void escalatedIncidentSupersedesItsPendingDecision() {
        String orderId = id("ord");
        String customerId = id("cust");
        send(delay(orderId, customerId, 1, 80, "DE", ORDER));
        DecisionMade pending = decision(decisions, orderId, 1);
        assertThat(pending.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);

        send(delay(orderId, customerId, 2, 120, "DE", ORDER));
        DecisionReviewed superseded = review(decisions, orderId, 1);
        DecisionMade replacement = decision(decisions, orderId, 2);

        assertThat(superseded.decisionId()).isEqualTo(pending.decisionId());
        assertThat(superseded.action()).isEqualTo(ReviewAction.SUPERSEDED);
        // Nothing of the superseded proposal was granted, so the new decision is whole, not a top-up.
        assertThat(replacement.previouslyGranted()).isEqualTo(Money.of(0, "EUR"));
        assertThat(replacement.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        given().contentType("application/json").body("{\"actor\":\"u-1\",\"role\":\"supervisor\"}")
                .post("/api/approvals/{id}/approve", pending.decisionId()).then().statusCode(409);
    }

    /** A new order in the market, 80 h late, and its decision pending approval. */
    private DecisionMade pendingIn(String market) {
        if ("AT".equals(market)) {
            activateManagerMarket();
        }
        String orderId = id("ord");
        send(delay(orderId, id("cust"), 1, 80, market, ORDER));
        DecisionMade made = decision(decisions, orderId, 1);
        assertThat(made.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        return made;
    }

    private static synchronized void activateManagerMarket() {
        if (managerMarketActive) {
            return;
        }
        String sample;
        try (InputStream in = ApprovalFlowTest.class.getClassLoader().getResourceAsStream("policy/sample-policy.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String tiers = "\"EUR\": {\"autoUpToMinor\": 2500, \"supervisorUpToMinor\": 10000}";
        assertThat(sample).contains(tiers, "\"*\": {\n      \"costCentre\"");
        String document = sample.replace(tiers, "\"EUR\": {\"autoUpToMinor\": 1000, \"supervisorUpToMinor\": 2000}")
                .replace("\"*\": {\n      \"costCentre\"", "\"AT\": {\n      \"costCentre\"");
        String version = given().contentType("application/json").queryParam("createdBy", "approval-test").body(document)
                .post("/api/policies").then().statusCode(201).extract().path("version");
        given().contentType("application/json").body("{\"market\":\"AT\",\"activatedBy\":\"approval-test\"}")
                .post("/api/policies/{version}/activations", version).then().statusCode(201);
        managerMarketActive = true;
    }

    private boolean outboxEmpty() {
        return ReliabilityTables.outboxEmpty(database);
    }
}
