package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.policy.Experiment;
import com.goodwill.decision.service.PolicyService;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static com.goodwill.decision.Flows.commands;
import static com.goodwill.decision.Flows.decision;
import static com.goodwill.decision.Flows.delay;
import static com.goodwill.decision.Flows.drain;
import static com.goodwill.decision.Flows.events;
import static com.goodwill.decision.Flows.id;
import static com.goodwill.decision.Flows.incident;
import static com.goodwill.decision.Flows.send;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The policy engine in the running service, over the real broker and database: each incident event in, a decision
 * with segment, risk, experiment arm, budget and facts out, and one command per instrument to execute.
 */
@QuarkusTest
class EngineFlowTest {

    private static final Money ORDER = Money.of(12_999, "EUR");

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> commands;

    @Inject
    AgroalDataSource database;
    @Inject
    PolicyService policies;
    @Inject
    BudgetLedger budgets;

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
    void decisionCarriesSegmentRiskBudgetFactsAndItsCommandTheFallbacksAndTheCustomersChoice() {
        String orderId = id("ord");
        Incident incident = delay(orderId, id("cust"), 1, 42, "DE", ORDER);
        send(incident);

        DecisionMade made = decision(decisions, orderId, 1);
        assertThat(made.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(made.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365, false));
        assertThat(made.tier()).isEqualTo("AUTO");
        assertThat(made.segment()).isEqualTo("new");
        assertThat(made.risk()).isNotNull();
        assertThat(made.risk().score()).isBetween(0, 59);
        assertThat(made.experiment()).isNull();
        assertThat(made.budgetId()).isEqualTo(YearMonth.from(made.decidedAt().atZone(ZoneOffset.UTC)) + "/*/*/*/EUR");
        assertThat(made.statutory()).isFalse();
        assertThat(made.previouslyGranted()).isNull();
        assertThat(made.alternatives()).isEmpty();
        assertThat(made.facts().incidentClass()).isEqualTo(IncidentClass.DELAY);
        assertThat(made.facts().delayHours()).isEqualTo(42);
        assertThat(made.facts().market()).isEqualTo("DE");
        assertThat(made.requiredRole()).isNull();
        assertThat(made.reviewDueAt()).isNull();
        assertThat(made.narrative()).contains("6.50 EUR store credit").contains("new customer");

        CompensationRequested command = commands(commands, orderId, 1).get(0);
        assertThat(command.decisionId()).isEqualTo(made.decisionId());
        assertThat(command.instrument()).isEqualTo(Instrument.STORE_CREDIT);
        assertThat(command.validForDays()).isEqualTo(365);
        assertThat(command.fallbacks()).containsExactly(new Remedy(Instrument.VOUCHER, Money.of(650, "EUR"), 365, false));
        assertThat(command.alternatives()).isEmpty();
        assertThat(command.choiceUntil()).as("nothing to choose: the credit is booked at once").isNull();
        assertThat(command.facts()).isEqualTo(made.facts());
        assertThat(command.messageTemplate()).isEqualTo("delay-store-credit");
        assertThat(command.policyVersion()).isEqualTo(made.policyVersion());
        assertThat(command.reasonCode()).isEqualTo("STORE_CREDIT_SHARE_OF_ORDER");
        assertThat(command.statutory()).isFalse();
        assertThat(command.idempotencyKey()).isEqualTo("goodwill-" + command.commandId());

        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200)
                .body("segment", is("new"))
                .body("reviewState", is("NONE"))
                .body("budgetId", is(made.budgetId()))
                .body("goodwill.amountMinor", is(650))
                .body("grants[0].messageTemplate", is("delay-store-credit"))
                .body("alternatives", hasSize(0));
    }

    @Test
    void aRemedyWithAlternativesGivesTheCustomerThePolicysTimeToChooseFromTheCommand() {
        String orderId = id("ord");
        send(delay(orderId, id("cust"), 1, 80, "DE", ORDER));

        DecisionMade made = decision(decisions, orderId, 1);
        assertThat(made.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.PARTIAL_REFUND);
        assertThat(made.alternatives()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);

        CompensationRequested command = commands(commands, orderId, 1).get(0);
        assertThat(command.alternatives()).isEqualTo(made.alternatives());
        // The sample policy's choiceHours for a long delay's refund: 48.
        assertThat(command.choiceUntil()).isEqualTo(command.requestedAt().plus(Duration.ofHours(48)));
        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200)
                .body("alternatives[0].instrument", is("STORE_CREDIT"))
                .body("choiceHours", is(48));
    }

    @ParameterizedTest(name = "the customer takes the {0}")
    @CsvSource({"STORE_CREDIT, 1950, 0", "PARTIAL_REFUND, 1300, 650"})
    void theDecisionReservesTheDearestChoiceAndConsumesWhatTheCustomerTook(Instrument taken, long executed, long released) {
        String orderId = id("ord");
        send(delay(orderId, id("cust"), 1, 80, "DE", ORDER));
        DecisionMade made = decision(decisions, orderId, 1);
        CompensationRequested command = commands(commands, orderId, 1).get(0);
        // The refund is 13.00 EUR, the store credit the customer may take instead 19.50 EUR.
        assertThat(command.amount()).isEqualTo(Money.of(1300, "EUR"));
        assertThat(command.alternatives()).extracting(r -> r.amount().amountMinor()).containsExactly(1950L);

        FulfilmentRecorded succeeded = new FulfilmentRecorded(command.commandId(), made.decisionId(), made.incidentId(),
                orderId, command.customerId(), taken, Money.of(executed, "EUR"), FulfilmentStatus.SUCCEEDED, "ref-1",
                null, TestClock.CLOCK.instant());
        publish(Topics.FULFILMENT_RESULTS, EventCodec.wrap(EventTypes.FULFILMENT_RECORDED, "/goodwill/fulfillment-service",
                orderId, succeeded.recordedAt(), made.incidentId(), null, succeeded));

        List<Tuple> expected = released == 0
                ? List.of(tuple(BudgetEntry.Kind.RESERVED, 1950L), tuple(BudgetEntry.Kind.CONSUMED, executed))
                : List.of(tuple(BudgetEntry.Kind.RESERVED, 1950L), tuple(BudgetEntry.Kind.CONSUMED, executed),
                tuple(BudgetEntry.Kind.RELEASED, released));
        await().atMost(Flows.WAIT).untilAsserted(() -> assertThat(entriesOf(made)).containsExactlyElementsOf(expected));
        // The decision's own view explains the difference between the goodwill granted and what the budget held.
        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200)
                .body("goodwill.amountMinor", is(1300))
                .body("budgetReservation.budgetId", is(made.budgetId()))
                .body("budgetReservation.requestedMinor", is(1950))
                .body("budgetReservation.reservedMinor", is(0))
                .body("budgetReservation.consumedMinor", is((int) executed))
                .body("budgetReservation.releasedMinor", is((int) released));
    }

    /** The budget entries of one decision, as kind and amount, in the order they were written. */
    private List<Tuple> entriesOf(DecisionMade made) {
        return budgets.entries(made.budgetId(), 0, Integer.MAX_VALUE).stream()
                .filter(e -> made.decisionId().equals(e.decisionId()))
                .map(e -> tuple(e.kind(), e.amountMinor())).toList();
    }

    @Test
    void escalatedIncidentTopsUpTheDifferenceWithADecisionAndCommandOfItsOwn() {
        String orderId = id("ord");
        String customerId = id("cust");
        send(delay(orderId, customerId, 1, 42, "DE", ORDER));
        DecisionMade first = decision(decisions, orderId, 1);
        CompensationRequested firstCommand = commands(commands, orderId, 1).get(0);

        // The parcel is now 80 h late: a partial refund of 10 % (13.00 EUR) is owed, 6.50 EUR of it granted already.
        send(delay(orderId, customerId, 2, 80, "DE", ORDER));
        DecisionMade topUp = decision(decisions, orderId, 2);
        CompensationRequested topUpCommand = commands(commands, orderId, 2).get(1);

        assertThat(topUp.decisionId()).isNotEqualTo(first.decisionId());
        assertThat(topUp.incidentId()).isEqualTo(first.incidentId());
        assertThat(topUp.reasonCode()).isEqualTo("TOP_UP");
        assertThat(topUp.previouslyGranted()).isEqualTo(Money.of(650, "EUR"));
        assertThat(topUp.remedies()).extracting(Remedy::instrument, r -> r.amount().amountMinor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instrument.PARTIAL_REFUND, 650L));
        assertThat(topUpCommand.decisionId()).isEqualTo(topUp.decisionId());
        assertThat(topUpCommand.commandId()).isNotEqualTo(firstCommand.commandId());
        assertThat(topUpCommand.idempotencyKey()).isNotEqualTo(firstCommand.idempotencyKey());
        assertThat(topUpCommand.amount()).isEqualTo(Money.of(650, "EUR"));

        // The same escalation again, and the resolution: nothing further is decided or paid.
        send(delay(orderId, customerId, 2, 80, "DE", ORDER));
        send(incident(orderId, customerId, IncidentLifecycle.RESOLVED, 3, IncidentClass.DELAY, Severity.HIGH, 80L, null,
                "DE", ORDER));
        await().atMost(Flows.WAIT).until(this::outboxEmpty);
        drain(decisions, Topics.DECISIONS, orderId);
        drain(commands, Topics.COMPENSATION_COMMANDS, orderId);
        assertThat(events(decisions, orderId, EventTypes.DECISION_MADE)).hasSize(2);
        assertThat(events(commands, orderId, EventTypes.COMPENSATION_REQUESTED)).hasSize(2);
        given().queryParam("orderId", orderId).get("/api/decisions").then().statusCode(200)
                .body("size()", is(2)).body("[1].incidentRevision", is(2)).body("[1].previouslyGranted.amountMinor", is(650));
    }

    @Test
    void incidentClassWithoutPlaybookIsDecidedAsNoCompensationWithTheReasonAndNoCommand() {
        String orderId = id("ord");
        send(incident(orderId, id("cust"), IncidentLifecycle.OPENED, 1, IncidentClass.ADDRESS_PROBLEM, Severity.MEDIUM,
                null, null, "DE", ORDER));

        DecisionMade made = decision(decisions, orderId, 1);
        assertThat(made.outcome()).isEqualTo(DecisionOutcome.NO_COMPENSATION);
        assertThat(made.reasonCode()).isEqualTo("NO_PLAYBOOK");
        assertThat(made.remedies()).isEmpty();
        assertThat(made.narrative()).contains("no goodwill for address problem incidents");
        await().atMost(Flows.WAIT).until(this::outboxEmpty);
        drain(commands, Topics.COMPENSATION_COMMANDS, orderId);
        assertThat(events(commands, orderId, EventTypes.COMPENSATION_REQUESTED)).isEmpty();
    }

    @Test
    void statutoryDutyIsItsOwnCommandOutsideTheBudgetAndGoodwillComesOnTop() {
        String orderId = id("ord");
        send(incident(orderId, id("cust"), IncidentLifecycle.OPENED, 1, IncidentClass.DAMAGED, Severity.HIGH, null, null,
                "DE", ORDER));

        DecisionMade made = decision(decisions, orderId, 1);
        List<CompensationRequested> sent = commands(commands, orderId, 2);

        assertThat(made.statutory()).isTrue();
        assertThat(made.remedies()).extracting(Remedy::instrument)
                .containsExactly(Instrument.REPLACEMENT, Instrument.STORE_CREDIT);
        assertThat(sent).extracting(CompensationRequested::instrument, CompensationRequested::statutory)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Instrument.REPLACEMENT, true),
                        org.assertj.core.groups.Tuple.tuple(Instrument.STORE_CREDIT, false));
        CompensationRequested duty = sent.stream().filter(CompensationRequested::statutory).findFirst().orElseThrow();
        assertThat(duty.fallbacks()).containsExactly(new Remedy(Instrument.FULL_REFUND, Money.of(12_999, "EUR")));
        assertThat(duty.messageTemplate()).isEqualTo("warranty-replacement");
        // Only the goodwill is reserved on the budget.
        given().get("/api/decisions/{id}", made.decisionId()).then().statusCode(200).body("goodwill.amountMinor", is(650));
    }

    @Test
    void experimentArmIsAssignedByCustomerAndRecordedOnTheDecision() {
        String orderId = id("ord");
        String customerId = id("cust");
        send(incident(orderId, customerId, IncidentLifecycle.OPENED, 1, IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L,
                0.8, "DE", ORDER));

        DecisionMade made = decision(decisions, orderId, 1);
        Experiment experiment = policies.document(made.policyVersion()).orElseThrow().experiments().get(0);
        assertThat(made.experiment()).isEqualTo(experiment.id());
        assertThat(made.arm()).isEqualTo(experiment.assign(customerId).name());
        assertThat(made.facts().delayProbability()).isEqualTo(0.8);
    }

    private boolean outboxEmpty() {
        return ReliabilityTables.outboxEmpty(database);
    }
}
