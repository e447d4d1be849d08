package com.goodwill.intake.rest;

import com.goodwill.contracts.Topics;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class BadInputTest {

    private static final String VALID_PLACED = """
            {"kind":"placed","eventId":"e-%s","orderId":"o-%s","customerId":"c","market":"DE","channel":"web",
             "paymentMethod":"card","orderValue":{"amountMinor":100,"currency":"EUR"},
             "promisedDeliveryBy":"2026-11-20T18:00:00Z","occurredAt":"2026-11-17T10:00:00Z"}
            """;

    @Test
    void negativeOrderValueIsA400ProblemNamingTheField() {
        String body = VALID_PLACED.formatted("1", "1").replace("\"amountMinor\":100", "\"amountMinor\":-5");
        given().contentType(ContentType.JSON).body(body).post("/api/order-events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("orderValue.amountMinor"));
    }

    @Test
    void unreadableTimestampIsA400ProblemNamingTheField() {
        String body = VALID_PLACED.formatted("2", "2").replace("2026-11-20T18:00:00Z", "next tuesday");
        given().contentType(ContentType.JSON).body(body).post("/api/order-events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("promisedDeliveryBy"));
    }

    @Test
    void unknownCarrierStatusIsA400ProblemNamingTheField() {
        String body = """
                {"eventId":"x","carrier":"DHL","trackingNumber":"T","status":"TELEPORTED","occurredAt":"2026-11-20T10:00:00Z"}
                """;
        given().contentType(ContentType.JSON).body(body).post("/api/carrier-events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("status"));
    }

    @Test
    void batchAcceptsTheValidItemsAndReportsTheRejectedOnesWithTheirFields() {
        String id = UUID.randomUUID().toString();
        String good = VALID_PLACED.formatted(id, id);
        String bad = VALID_PLACED.formatted(id + "b", id + "b").replace("\"market\":\"DE\"", "\"market\":\"Germany\"");
        given().contentType(ContentType.JSON).body("[" + good + "," + bad + "]").post("/api/order-events")
                .then().statusCode(202)
                .body("accepted", is(1))
                .body("rejected", is(1))
                .body("items[0].status", is("ACCEPTED"))
                .body("items[1].status", is("REJECTED"))
                .body("items[1].errors[0].field", is("market"));
    }

    @Test
    void bodyThatIsNotJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/order-events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", containsString("JSON"));
    }

    @Test
    void unreadableKafkaRecordGoesToTheDeadLetterTopicWithItsReason() {
        String marker = "garbage-" + UUID.randomUUID();
        PlatformTopics.produceRaw(Topics.CARRIER_EVENTS, marker, "{\"this\":\"is not a CloudEvent\"}");
        var deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_INTAKE);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    !PlatformTopics.recordsFor(deadLetters, marker).isEmpty());
            var record = PlatformTopics.recordsFor(deadLetters, marker).get(0);
            assertThat(PlatformTopics.deadLetterReason(record)).contains("specversion");
            assertThat(record.value()).isEqualTo("{\"this\":\"is not a CloudEvent\"}");
        } finally {
            deadLetters.close();
        }
    }
}
