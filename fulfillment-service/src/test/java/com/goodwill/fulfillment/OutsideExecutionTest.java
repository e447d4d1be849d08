package com.goodwill.fulfillment;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.simulators.Faults;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static com.goodwill.fulfillment.Commands.awaitFinal;
import static com.goodwill.fulfillment.Commands.command;
import static com.goodwill.fulfillment.Commands.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** Refunds and replacements through the simulated payment provider and warehouse, reached over HTTP. */
@QuarkusTest
class OutsideExecutionTest {

    @AfterEach
    void healOutsideSystems() {
        OutsideSystems.payments().setFaults(Faults.NONE);
        OutsideSystems.warehouse().setFaults(Faults.NONE);
    }

    @Test
    void refundIsExecutedOnceAtTheProviderUnderTheCommandsKey() {
        CompensationRequested command = command(Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"));
        send(command);

        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("reference")).startsWith("re_");
        assertThat(done.getString("detail")).contains("refund of 12.40 EUR to the original payment method");
        assertThat(done.getList("steps.status", String.class)).containsExactly("RECEIVED", "EXECUTING", "SUCCEEDED");
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void replacementInStockShipsWithATrackingNumber() {
        CompensationRequested command = command(Instrument.EXPRESS_REPLACEMENT, Money.of(4999, "EUR"));
        send(command);

        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("reference")).startsWith("1Z");
        assertThat(done.getString("detail")).contains("express replacement shipped with UPS");
        assertThat(OutsideSystems.warehouse().executions(command.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void replacementOutOfStockBecomesTheNextRemedyTheDecisionAllowed() {
        CompensationRequested command = command(Instrument.REPLACEMENT, Money.of(2999, "EUR"), null,
                List.of(new Remedy(Instrument.FULL_REFUND, Money.of(2999, "EUR")),
                        new Remedy(Instrument.STORE_CREDIT, Money.of(3500, "EUR"))), List.of());
        OutsideSystems.warehouse().registerOrder(command.orderId(), List.of("SKU-RARE", "SKU-COMMON"));
        OutsideSystems.warehouse().setFaults(new Faults(0, 0, 0, 0, 0, false, Set.of("SKU-RARE")));
        send(command);

        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("FULFILLED_BY_FALLBACK");
        assertThat(done.getString("executedInstrument")).isEqualTo("FULL_REFUND");
        assertThat(done.getLong("executedAmountMinor")).isEqualTo(2999);
        assertThat(done.getString("detail")).contains("replacement out of stock (SKU-RARE)")
                .contains("instead of REPLACEMENT: full refund of 29.99 EUR");
        assertThat(OutsideSystems.warehouse().executions(command.idempotencyKey())).isZero();
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey() + "/fallback-1-FULL_REFUND")).isEqualTo(1);
        given().get("/api/customers/{id}/store-credit", command.customerId()).then().body("bookings.size()", is(0));
    }

    @Test
    void failedCommandIsRetriedByAnOperatorWithTheSameKeyAndPaysOnce() {
        // The provider executes the refund but the answer never arrives, and then it is down: the command fails.
        OutsideSystems.payments().setFaults(new Faults(0, 0, 1.0, 0, 0, false, Set.of()));
        CompensationRequested command = command(Instrument.FULL_REFUND, Money.of(12_999, "EUR"));
        send(command);

        JsonPath failed = awaitFinal(command.commandId());
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("detail")).contains("FULL_REFUND failed").contains("payment provider answered 500");
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey())).isEqualTo(1);
        given().post("/api/commands/{id}/retry", "no-such-command").then().statusCode(404);

        OutsideSystems.payments().setFaults(Faults.NONE);
        given().post("/api/commands/{id}/retry", command.commandId()).then().statusCode(202).body("attempt", is(2));
        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getList("steps.status", String.class))
                .containsExactly("RECEIVED", "EXECUTING", "FAILED", "EXECUTING", "SUCCEEDED");
        // The retry got the provider's kept answer: the money moved once.
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey())).isEqualTo(1);

        given().post("/api/commands/{id}/retry", command.commandId()).then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void outOfStockWithoutFallbackFailsAndSucceedsOnRetryOnceStockArrived() {
        CompensationRequested command = command(Instrument.REPLACEMENT, Money.of(2999, "EUR"));
        OutsideSystems.warehouse().setFaults(new Faults(0, 0, 0, 0, 0, true, Set.of()));
        send(command);

        JsonPath failed = awaitFinal(command.commandId());
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("detail")).contains("out of stock").contains("no fallback left");

        OutsideSystems.warehouse().setFaults(Faults.NONE);
        given().post("/api/commands/{id}/retry", command.commandId()).then().statusCode(202);
        assertThat(awaitFinal(command.commandId()).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(OutsideSystems.warehouse().executions(command.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void commandsAreListedByStatusAndCustomer() {
        CompensationRequested command = command(Instrument.PARTIAL_REFUND, Money.of(500, "EUR"));
        send(command);
        awaitFinal(command.commandId());

        given().get("/api/commands?customerId={c}&status=SUCCEEDED", command.customerId()).then()
                .statusCode(200).body("size()", is(1)).body("[0].commandId", is(command.commandId()));
        given().get("/api/commands?customerId={c}&status=FAILED", command.customerId()).then()
                .statusCode(200).body("size()", is(0));
    }
}
