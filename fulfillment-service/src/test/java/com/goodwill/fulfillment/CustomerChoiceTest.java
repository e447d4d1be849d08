package com.goodwill.fulfillment;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.goodwill.fulfillment.Commands.WAIT;
import static com.goodwill.fulfillment.Commands.awaitFinal;
import static com.goodwill.fulfillment.Commands.choosableUntil;
import static com.goodwill.fulfillment.Commands.command;
import static com.goodwill.fulfillment.Commands.send;
import static com.goodwill.fulfillment.Commands.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The customer's choice among a command's alternatives, until the deadline its decision gave. */
@QuarkusTest
class CustomerChoiceTest {

    @Test
    void chosenAlternativeIsRecordedOnceAndExecutedInsteadOfTheRemedy() {
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        CompensationRequested command = choosableUntil(command(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365,
                List.of(), List.of(new Remedy(Instrument.VOUCHER, Money.of(900, "EUR"), 180, false),
                        new Remedy(Instrument.PARTIAL_REFUND, Money.of(500, "EUR")))), until);
        send(command);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "RECEIVED".equals(status(command.commandId())));
        given().get("/api/commands/{id}", command.commandId()).then().statusCode(200)
                .body("choiceUntil", is(until.toString()))
                .body("steps[0].detail", containsString("may choose an alternative until " + until));

        given().get("/api/choices/{id}?option=VOUCHER", command.commandId()).then().statusCode(200)
                .contentType("text/html")
                // No contact known for the order: the default language, English.
                .body(containsString("<title>Would you like a voucher worth 9.00 EUR?</title>"))
                .body(containsString("For your order " + command.orderId() + " we offered you a store credit of 6.50 EUR. "
                        + "You can have a voucher worth 9.00 EUR instead."));
        given().get("/api/choices/{id}?option=FULL_REFUND", command.commandId()).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("option"));
        given().post("/api/choices/{id}?option=EXPRESS_UPGRADE", command.commandId()).then().statusCode(400)
                .contentType("application/problem+json");

        given().post("/api/choices/{id}?option=VOUCHER", command.commandId()).then().statusCode(200);
        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("executedInstrument")).isEqualTo("VOUCHER");
        assertThat(done.getLong("executedAmountMinor")).isEqualTo(900);
        assertThat(done.getList("steps.status", String.class)).containsExactly("RECEIVED", "EXECUTING", "SUCCEEDED");
        assertThat(done.getString("steps[1].detail")).contains("the customer chose VOUCHER instead of STORE_CREDIT");

        // The same choice again answers as before; another one, or after execution, changes nothing.
        given().post("/api/choices/{id}?option=VOUCHER", command.commandId()).then().statusCode(200);
        given().post("/api/choices/{id}?option=PARTIAL_REFUND", command.commandId()).then().statusCode(409)
                .contentType("application/problem+json");
        given().get("/api/choices/{id}?option=PARTIAL_REFUND", command.commandId()).then().statusCode(409)
                .body(containsString("You have already chosen a voucher worth 9.00 EUR"));
        given().get("/api/customers/{id}/vouchers", command.customerId()).then().body("size()", is(1))
                .body("[0].valueMinor", is(900));
        given().get("/api/customers/{id}/store-credit", command.customerId()).then().body("bookings.size()", is(0));
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey() + "/choice-PARTIAL_REFUND")).isZero();
    }

    @Test
    void withoutAChoiceTheCommandExecutesItsOwnRemedyWhenTheTimeToChooseIsUp() {
        CompensationRequested command = choosableUntil(command(Instrument.STORE_CREDIT, Money.of(450, "EUR"), 365,
                List.of(), List.of(new Remedy(Instrument.VOUCHER, Money.of(600, "EUR"), 180, false))),
                Instant.now().plusSeconds(3));
        send(command);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "RECEIVED".equals(status(command.commandId())));

        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("executedInstrument")).isEqualTo("STORE_CREDIT");
        assertThat(done.getString("steps[1].detail")).isEqualTo("no alternative chosen: executing STORE_CREDIT");
        assertThat(Instant.parse(done.getString("completedAt"))).isAfterOrEqualTo(command.choiceUntil());
        given().post("/api/choices/{id}?option=VOUCHER", command.commandId()).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aCommandArrivingAfterItsTimeToChooseExecutesAtOnceAndOffersNoChoice() {
        CompensationRequested command = choosableUntil(command(Instrument.STORE_CREDIT, Money.of(350, "EUR"), 365,
                List.of(), List.of(new Remedy(Instrument.VOUCHER, Money.of(500, "EUR"), 180, false))),
                Instant.now().minus(1, ChronoUnit.MINUTES));
        send(command);

        JsonPath done = awaitFinal(command.commandId());
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("choiceUntil")).isNull();
        assertThat(done.getList("steps.status", String.class)).containsExactly("RECEIVED", "EXECUTING", "SUCCEEDED");
        assertThat(done.getString("steps[0].detail")).isEqualTo("received");
        given().get("/api/choices/{id}?option=VOUCHER", command.commandId()).then().statusCode(409)
                .body(containsString("We have already carried out a store credit of 3.50 EUR"));
    }

    @Test
    void choosingForAnUnknownCommandIsNotFound() {
        given().post("/api/choices/{id}?option=VOUCHER", "no-such-command").then().statusCode(404);
    }
}
