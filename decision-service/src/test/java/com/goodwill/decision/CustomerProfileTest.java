package com.goodwill.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.CustomerValue;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.persistence.CustomerProfiles;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.awaitRecord;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Order events in on the real broker, customer figures and risk signals out of the real database, each figure
 * computed by hand from the story below.
 */
@QuarkusTest
class CustomerProfileTest {

    private static final String CONSUMER = "decision-service.order-events";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-06-30T12:00:00Z");

    private static ConsumerTask<String, String> deadLetters;

    @Inject
    CustomerValue customers;

    @Inject
    CustomerProfiles profiles;

    @Inject
    BudgetLedger budgets;

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
    void figuresAsOfAMomentAreExact() {
        String customer = "cust-" + UUID.randomUUID();
        String address = "addr-" + UUID.randomUUID();
        List<EventEnvelope> sent = new ArrayList<>();
        // Lifetime only (more than 365 days back); the shop says when the account was opened.
        sent.add(send(placed(customer, "o1-" + customer, days(400), 10_000, "EUR", address, Instant.parse("2020-01-01T00:00:00Z"))));
        sent.add(send(placed(customer, "o2-" + customer, days(200), 5_000, "EUR", address, null)));
        // Within 90 days, returned ten days later.
        sent.add(send(placed(customer, "o3-" + customer, days(60), 3_000, "EUR", address, null)));
        sent.add(send(new OrderReturned("ret-" + customer, "o3-" + customer, "too small", days(50))));
        // Cancelled: counts nowhere.
        sent.add(send(placed(customer, "o4-" + customer, days(10), 7_000, "EUR", address, null)));
        sent.add(send(new OrderCancelled("can-4-" + customer, "o4-" + customer, "changed mind", days(9))));
        // Another currency: an order, but not EUR spend.
        sent.add(send(placed(customer, "o5-" + customer, days(5), 2_000, "GBP", address, null)));
        // Cancellation overtaking its placement: the order still counts nowhere.
        sent.add(send(new OrderCancelled("can-7-" + customer, "o7-" + customer, null, days(2))));
        sent.add(send(placed(customer, "o7-" + customer, days(3), 4_000, "EUR", address, null)));
        // After the moment asked about.
        sent.add(send(placed(customer, "o6-" + customer, AT.plus(Duration.ofDays(1)), 9_999, "EUR", address, null)));
        // Events that change no figure.
        sent.add(send(new OrderDelivered("del-" + customer, "o2-" + customer, days(198))));
        // The placement of o2 delivered again under a new envelope: nothing counts twice.
        sent.add(send(placed(customer, "o2-" + customer, days(200), 5_000, "EUR", address, null)));
        awaitProcessed(sent);

        CustomerFigures figures = customers.figures(customer, "EUR", AT);
        assertThat(figures).isEqualTo(new CustomerFigures(customer, "EUR", Instant.parse("2020-01-01T00:00:00Z"),
                days(400), days(5), 4, 3, 18_000, 8_000, 3_000, 1, 0, 0, 0, 0));
        assertThat(figures.returnRate()).isEqualTo(0.25);

        // Fifty-five days back: o3 was placed but not yet returned; o4, o5 and o7 did not exist yet.
        // o1 (400 days before AT) was then within its 365 days.
        assertThat(customers.figures(customer, "EUR", days(55))).isEqualTo(new CustomerFigures(customer, "EUR",
                Instant.parse("2020-01-01T00:00:00Z"), days(400), days(60), 3, 3, 18_000, 18_000, 3_000, 0, 0, 0, 0, 0));
        // Nine and a half days back o4 was still an order (cancelled nine days back), and spend.
        assertThat(customers.figures(customer, "EUR", AT.minus(Duration.ofHours(9 * 24 + 12))))
                .extracting(CustomerFigures::orders, CustomerFigures::spendMinor).containsExactly(4, 25_000L);

        // In GBP the same orders count, only the GBP order is spend.
        CustomerFigures inPounds = customers.figures(customer, "GBP", AT);
        assertThat(inPounds.orders()).isEqualTo(4);
        assertThat(inPounds.spendMinor()).isEqualTo(2_000);
    }

    @Test
    void aCustomerNeverSeenIsUnknown() {
        assertThat(customers.figures("cust-never-" + UUID.randomUUID(), "EUR", AT))
                .extracting(CustomerFigures::orders, CustomerFigures::accountSince, CustomerFigures::spendMinor)
                .containsExactly(0, null, 0L);
    }

    @Test
    void claimsCountGoodwillButNeverStatutoryDuties() {
        String customer = "cust-" + UUID.randomUUID();
        String order = "o1-" + customer;
        awaitProcessed(List.of(send(placed(customer, order, days(120), 10_000, "EUR", null, null))));

        claim("d1-" + customer, customer, order, 500, false, days(100));
        claim("d2-" + customer, customer, order, 300, false, days(20));
        claim("d3-" + customer, customer, order, 10_000, true, days(5));
        claim("d4-" + customer, customer, order, 200, false, AT.minus(Duration.ofHours(1)));
        // A reviewer adjusted d4: recorded again, it replaces the amount.
        claim("d4-" + customer, customer, order, 250, false, AT.minus(Duration.ofHours(1)));
        // A rejected decision's claim is taken back.
        claim("d5-" + customer, customer, order, 900, false, days(3));
        QuarkusTransaction.requiringNew().run(() -> profiles.withdrawClaim("d5-" + customer));

        CustomerFigures figures = customers.figures(customer, "EUR", AT);
        assertThat(figures.claims30d()).isEqualTo(2);
        assertThat(figures.claims90d()).isEqualTo(2);
        assertThat(figures.claimedValue90dMinor()).isEqualTo(550);
        assertThat(figures.goodwillLifetimeMinor()).isEqualTo(1_050);
        // As of thirty days back only d1 had been claimed.
        assertThat(customers.figures(customer, "EUR", days(30)))
                .extracting(CustomerFigures::claims90d, CustomerFigures::goodwillLifetimeMinor).containsExactly(1, 500L);
    }

    @Test
    void riskSignalsSeeAddressesAndPaymentInstrumentsSharedAcrossAccounts() {
        String address = "addr-" + UUID.randomUUID();
        String card = "card-" + UUID.randomUUID();
        String customer = "cust-" + UUID.randomUUID();
        String other = "cust-other-" + UUID.randomUUID();
        String later = "cust-later-" + UUID.randomUUID();
        String order = "o1-" + customer;
        // The other account's claim is recorded before its order's placement arrives; it joins the address then.
        claim("d-other-" + other, other, "o-" + other, 400, false, days(3));
        List<EventEnvelope> sent = new ArrayList<>();
        sent.add(send(placed(customer, order, days(2), 6_000, "EUR", address, card, "paypal", null)));
        sent.add(send(placed(customer, "o2-" + customer, days(40), 6_000, "EUR", address, card, "paypal", null)));
        sent.add(send(placed(other, "o-" + other, days(30), 1_000, "EUR", address, card, "card", null)));
        sent.add(send(placed(other, "o2-" + other, days(20), 1_000, "EUR", address, card, "card", null)));
        // An account that used the address only after the moment asked about.
        sent.add(send(placed(later, "o-" + later, AT.plus(Duration.ofDays(2)), 1_000, "EUR", address, "card-x", "card", null)));
        awaitProcessed(sent);
        claim("d1-" + customer, customer, order, 300, false, days(1));
        claim("d2-" + customer, customer, "o2-" + customer, 300, false, AT.minus(Duration.ofHours(3)));
        claim("d3-" + customer, customer, "o2-" + customer, 9_000, true, AT.minus(Duration.ofHours(2)));
        claim("d4-" + customer, customer, "o2-" + customer, 100, false, days(35));

        assertThat(customers.signals(customer, order, AT)).isEqualTo(new RiskSignals("paypal", 1, 1, 3, 1));
        assertThat(customers.signals(customer, order, AT.plus(Duration.ofDays(3))))
                .isEqualTo(new RiskSignals("paypal", 2, 1, 3, 0));
        // An order the projection has not seen: no shared fingerprints, the customer's velocity all the same.
        assertThat(customers.signals(customer, "o-unknown-" + customer, AT)).isEqualTo(new RiskSignals(null, 0, 0, 0, 1));
    }

    /** The revenue as the engine reads it, beside a budget's standing (a budget without rows holds nothing). */
    private long monthRevenue(String channel, String currency, YearMonth month) {
        return budgets.figures("no-such-budget", channel, currency, month).monthRevenueMinor();
    }

    @Test
    void monthRevenuePerChannelAndCurrencyLeavesCancelledOrdersOut() {
        String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + UUID.randomUUID();
        Instant may = Instant.parse("2026-05-10T10:00:00Z");
        List<EventEnvelope> sent = new ArrayList<>();
        sent.add(send(placed(customer, "r1-" + customer, may, 1_000, "EUR", channel)));
        sent.add(send(placed(customer, "r2-" + customer, may, 2_000, "EUR", channel)));
        sent.add(send(placed(customer, "r3-" + customer, may, 3_000, "EUR", channel)));
        sent.add(send(placed(customer, "r4-" + customer, may, 5_000, "GBP", channel)));
        sent.add(send(placed(customer, "r5-" + customer, Instant.parse("2026-06-01T00:00:00Z"), 7_000, "EUR", channel)));
        // Cancelled in the next month: out of May all the same; a second cancellation changes nothing.
        sent.add(send(new OrderCancelled("c2-" + customer, "r2-" + customer, null, Instant.parse("2026-06-03T00:00:00Z"))));
        sent.add(send(new OrderCancelled("c2b-" + customer, "r2-" + customer, null, Instant.parse("2026-06-04T00:00:00Z"))));
        // Cancelled before its placement arrived.
        sent.add(send(new OrderCancelled("c6-" + customer, "r6-" + customer, null, Instant.parse("2026-05-12T00:00:00Z"))));
        sent.add(send(placed(customer, "r6-" + customer, may, 11_000, "EUR", channel)));
        awaitProcessed(sent);

        assertThat(monthRevenue(channel, "EUR", YearMonth.of(2026, 5))).isEqualTo(4_000);
        assertThat(monthRevenue(channel, "GBP", YearMonth.of(2026, 5))).isEqualTo(5_000);
        assertThat(monthRevenue(channel, "EUR", YearMonth.of(2026, 6))).isEqualTo(7_000);
        assertThat(monthRevenue(channel, "EUR", YearMonth.of(2026, 4))).isZero();
    }

    @Test
    void profileIsServedOverRest() {
        String customer = "cust-" + UUID.randomUUID();
        String order = "o1-" + customer;
        awaitProcessed(List.of(send(placed(customer, order, days(10), 12_999, "EUR", null, null)),
                send(placed(customer, "o2-" + customer, days(400), 1_000, "GBP", null, null))));
        claim("d1-" + customer, customer, order, 650, false, days(2));
        claim("d2-" + customer, customer, order, 12_999, true, days(1));

        given().pathParam("id", customer).queryParam("at", AT.toString())
                .get("/api/customers/{id}/profile").then()
                .statusCode(200)
                .body("customerId", is(customer))
                .body("currency", is("EUR"))
                .body("asOf", is(AT.toString()))
                .body("orders", is(2))
                .body("orders365d", is(1))
                .body("spendMinor", is(12_999))
                .body("claims30d", is(1))
                .body("claimedValue90dMinor", is(650))
                .body("returnRate", is(0.0f))
                .body("recentClaims", hasSize(2))
                .body("recentClaims[0].decisionId", is("d2-" + customer))
                .body("recentClaims[0].statutory", is(true))
                .body("recentClaims[1].amount.amountMinor", is(650));
        given().pathParam("id", customer).queryParam("at", AT.toString()).queryParam("currency", "GBP")
                .get("/api/customers/{id}/profile").then()
                .statusCode(200)
                .body("spendMinor", is(1_000))
                .body("claimedValue90dMinor", is(0));
    }

    @Test
    void badProfileParametersAreProblemsNamingTheParameter() {
        given().pathParam("id", "cust-1").queryParam("currency", "euro").get("/api/customers/{id}/profile").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("currency"));
        given().pathParam("id", "cust-1").queryParam("at", "yesterday").get("/api/customers/{id}/profile").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("at"));
        given().pathParam("id", "cust-nobody-" + UUID.randomUUID()).get("/api/customers/{id}/profile").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unreadableAndInvalidOrderEventsAreDeadLetteredWithTheirReason() {
        String customer = "cust-" + UUID.randomUUID();
        String orderId = "o-bad-" + customer;
        String garbage = "{\"not\":\"a cloud event\"}";
        produceRaw(Topics.ORDER_EVENTS, orderId, garbage);
        OrderPlaced negative = placed(customer, orderId, days(1), 0, "EUR", null, null);
        ObjectNode data = EventCodec.mapper().valueToTree(negative);
        data.put("customerId", "");
        data.set("orderValue", EventCodec.mapper().createObjectNode().put("amountMinor", -5).put("currency", "EUR"));
        String invalid = EventCodec.toJson(EventCodec.wrap(negative.cloudEventType(), "/test/orders", orderId, AT, null,
                null, data));
        produceRaw(Topics.ORDER_EVENTS, orderId, invalid);
        // A good event behind them in the same partition is still applied.
        EventEnvelope good = send(placed(customer, orderId, days(1), 100, "EUR", null, null));

        assertThat(deadLetterReason(awaitRecord(deadLetters, orderId, garbage, WAIT))).contains("specversion");
        String reason = deadLetterReason(awaitRecord(deadLetters, orderId, invalid, WAIT));
        assertThat(reason).contains("orderValue.amountMinor").contains("customerId");
        awaitProcessed(List.of(good));
        assertThat(customers.figures(customer, "EUR", AT).orders()).isEqualTo(1);
        assertThat(processed(EventCodec.parse(invalid).id())).isFalse();
    }

    // --- the story's building blocks

    private static Instant days(int back) {
        return AT.minus(Duration.ofDays(back));
    }

    private static OrderPlaced placed(String customer, String order, Instant at, long value, String currency,
                                      String address, Instant customerSince) {
        return placed(customer, order, at, value, currency, address, null, "card", customerSince);
    }

    private static OrderPlaced placed(String customer, String order, Instant at, long value, String currency, String channel) {
        return new OrderPlaced("evt-" + order, order, customer, "DE", channel, "card", Money.of(value, currency), List.of(),
                at.plus(Duration.ofDays(3)), at);
    }

    private static OrderPlaced placed(String customer, String order, Instant at, long value, String currency,
                                      String address, String instrument, String paymentMethod, Instant customerSince) {
        return new OrderPlaced("evt-" + order, order, customer, "DE", "web", paymentMethod, Money.of(value, currency),
                List.of(), at.plus(Duration.ofDays(3)), at, null, "de", address, instrument, customerSince);
    }

    private static EventEnvelope send(OrderEvent event) {
        EventEnvelope envelope = EventCodec.wrap(event.cloudEventType(), "/test/orders", event.orderId(),
                event.occurredAt(), null, null, event);
        publish(Topics.ORDER_EVENTS, envelope);
        return envelope;
    }

    private void claim(String decision, String customer, String order, long amount, boolean statutory, Instant at) {
        QuarkusTransaction.requiringNew().run(() ->
                profiles.recordClaim(decision, customer, order, Money.of(amount, "EUR"), statutory, at));
    }

    private void awaitProcessed(List<EventEnvelope> events) {
        await().atMost(WAIT).until(() -> events.stream().allMatch(e -> processed(e.id())));
    }

    private boolean processed(String envelopeId) {
        return ReliabilityTables.processed(database, CONSUMER, envelopeId);
    }
}
