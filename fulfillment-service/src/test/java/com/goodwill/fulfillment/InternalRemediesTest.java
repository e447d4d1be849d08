package com.goodwill.fulfillment;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.EntitlementGranted;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.goodwill.fulfillment.Commands.WAIT;
import static com.goodwill.fulfillment.Commands.awaitFinal;
import static com.goodwill.fulfillment.Commands.command;
import static com.goodwill.fulfillment.Commands.send;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Vouchers, entitlements and the store-credit ledger: booked in the service's own database. */
@QuarkusTest
class InternalRemediesTest {

    private static ConsumerTask<String, String> results;

    @BeforeAll
    static void subscribe() {
        results = listen(Topics.FULFILMENT_RESULTS);
    }

    @AfterAll
    static void close() {
        results.close();
    }

    @Test
    void voucherIsIssuedWithAnUnguessableCodeAndRedeemedOnlyOnce() {
        CompensationRequested command = command(Instrument.VOUCHER, Money.of(1000, "EUR"), 90, List.of(), List.of());
        send(command);
        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        String code = done.getString("reference");
        assertThat(code).matches("GW(-[0-9A-Z]{4}){4}");

        given().get("/api/vouchers/{code}", code).then().statusCode(200)
                .body("valueMinor", is(1000)).body("currency", is("EUR")).body("expiresAt", notNullValue());
        given().contentType("application/json").body("{\"orderId\":\"next-order-1\"}")
                .post("/api/vouchers/{code}/redemption", code).then().statusCode(200).body("redeemedOrderId", is("next-order-1"));
        // Asking again for the same order answers the same redemption; another order is refused.
        given().contentType("application/json").body("{\"orderId\":\"next-order-1\"}")
                .post("/api/vouchers/{code}/redemption", code).then().statusCode(200);
        given().contentType("application/json").body("{\"orderId\":\"next-order-2\"}")
                .post("/api/vouchers/{code}/redemption", code).then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{}")
                .post("/api/vouchers/{code}/redemption", code).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("orderId"));
        given().contentType("application/json").body("{\"orderId\":\"o\"}")
                .post("/api/vouchers/{code}/redemption", "GW-0000-0000-0000-0000").then().statusCode(404);
        given().contentType("application/json").body("{\"orderId\":\"o\"}")
                .post("/api/vouchers/{code}/redemption", "guess").then().statusCode(400)
                .body("errors[0].field", is("code"));
    }

    @Test
    void expressUpgradeIsAnEntitlementReadableOverRestAndPublished() {
        CompensationRequested command = command(Instrument.EXPRESS_UPGRADE, Money.of(0, "EUR"), 180, List.of(), List.of());
        send(command);
        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");

        given().get("/api/customers/{id}/entitlements", command.customerId()).then().statusCode(200)
                .body("size()", is(1)).body("[0].instrument", is("EXPRESS_UPGRADE")).body("[0].quantity", is(1))
                .body("[0].entitlementId", is(done.getString("reference")));
        await().atMost(WAIT).until(() -> recordsFor(results, command.orderId()).stream()
                .anyMatch(r -> r.value().contains(EventTypes.ENTITLEMENT_GRANTED)));
        EntitlementGranted granted = recordsFor(results, command.orderId()).stream()
                .map(r -> EventCodec.parse(r.value())).filter(e -> e.type().equals(EventTypes.ENTITLEMENT_GRANTED))
                .map(e -> EventCodec.dataAs(e, EntitlementGranted.class)).findFirst().orElseThrow();
        assertThat(granted.customerId()).isEqualTo(command.customerId());
        assertThat(granted.validUntil()).isNotNull();
    }

    @Test
    void subscriptionExtensionGrantsItsDays() {
        CompensationRequested command = command(Instrument.SUBSCRIPTION_EXTENSION, Money.of(0, "EUR"));
        send(command);
        assertThat(awaitFinal(command.commandId()).getString("detail")).contains("extended by 30 days");
        given().get("/api/customers/{id}/entitlements", command.customerId()).then()
                .body("[0].instrument", is("SUBSCRIPTION_EXTENSION")).body("[0].quantity", is(30));
    }

    @Test
    void storeCreditBalanceIsDerivedFromBalancedEntriesAndRedemptionsCannotOverdraw() {
        CompensationRequested first = command(Instrument.STORE_CREDIT, Money.of(650, "EUR"));
        send(first);
        awaitFinal(first.commandId());
        CompensationRequested second = new CompensationRequested(java.util.UUID.randomUUID().toString(),
                first.decisionId(), first.incidentId(), first.orderId(), first.customerId(),
                Instrument.APOLOGY_WITH_MICRO_COMPENSATION, Money.of(200, "EUR"), "key-" + java.util.UUID.randomUUID(),
                first.requestedAt());
        send(second);
        awaitFinal(second.commandId());

        String customer = first.customerId();
        given().get("/api/customers/{id}/store-credit", customer).then().statusCode(200)
                .body("balanceMinorByCurrency.EUR", is(850)).body("bookings.size()", is(2)).body("entries.size()", is(4));
        given().contentType("application/json").body("{\"orderId\":\"o-1\",\"amount\":{\"amountMinor\":500,\"currency\":\"EUR\"}}")
                .post("/api/customers/{id}/store-credit/redemptions", customer).then().statusCode(201);
        given().contentType("application/json").body("{\"orderId\":\"o-2\",\"amount\":{\"amountMinor\":351,\"currency\":\"EUR\"}}")
                .post("/api/customers/{id}/store-credit/redemptions", customer).then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"orderId\":\"o-3\",\"amount\":{\"amountMinor\":-1,\"currency\":\"EUR\"}}")
                .post("/api/customers/{id}/store-credit/redemptions", customer).then().statusCode(400)
                .body("errors[0].field", is("amount.amountMinor"));

        JsonPath account = given().get("/api/customers/{id}/store-credit", customer).then().extract().jsonPath();
        assertThat(account.getLong("balanceMinorByCurrency.EUR")).isEqualTo(350);
        // Double entry: every transaction's debits equal its credits.
        List<java.util.Map<String, Object>> entries = account.getList("entries");
        assertThat(entries).hasSize(6);
        long debits = entries.stream().filter(e -> "DEBIT".equals(e.get("direction")))
                .mapToLong(e -> ((Number) e.get("amountMinor")).longValue()).sum();
        long credits = entries.stream().filter(e -> "CREDIT".equals(e.get("direction")))
                .mapToLong(e -> ((Number) e.get("amountMinor")).longValue()).sum();
        assertThat(debits).isEqualTo(credits).isEqualTo(650 + 200 + 500);
    }
}
