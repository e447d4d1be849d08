package com.goodwill.intake;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierPayload;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.testsupport.PlatformTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Carrier payloads in the carriers' own shapes, over REST and over Kafka, and the inputs that are refused. */
@QuarkusTest
class CarrierFormatsIngestionTest {

    private static ConsumerTask<String, String> incidents;

    @Inject
    AgroalDataSource database;

    @TestHTTPResource("/api/carrier-events")
    URI carrierEvents;

    @BeforeAll
    static void listen() {
        incidents = PlatformTopics.listen(Topics.INCIDENTS);
    }

    @AfterAll
    static void close() {
        incidents.close();
    }

    private String placeAndShip(String carrier, String tracking) {
        String orderId = "ord-" + UUID.randomUUID();
        Instant now = TestClock.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        new IntakeDriver(database, incidents).ordersProcessed("""
                [{"kind":"placed","eventId":"placed-%1$s","orderId":"%1$s","customerId":"c-1","market":"DE","channel":"web",
                  "paymentMethod":"card","orderValue":{"amountMinor":2500,"currency":"EUR"},
                  "promisedDeliveryBy":"%2$s","occurredAt":"%3$s"},
                 {"kind":"shipped","eventId":"shipped-%1$s","orderId":"%1$s","occurredAt":"%3$s",
                  "shipments":[{"shipmentId":"shp-%1$s","carrier":"%4$s","trackingNumber":"%5$s"}]}]
                """.formatted(orderId, now.plus(Duration.ofDays(3)), now.minus(Duration.ofHours(2)), carrier, tracking),
                "placed-" + orderId, "shipped-" + orderId);
        return orderId;
    }

    @Test
    void dhlPayloadOverRestBecomesCanonicalScansAndItsDamageAnIncident() {
        String tracking = "00340434" + (System.nanoTime() % 1_000_000_000L);
        String orderId = placeAndShip("DHL", tracking);
        Instant at = TestClock.CLOCK.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String dhl = """
                {"shipments":[{"id":"%s","service":"parcel-de","events":[
                  {"timestamp":"%s","location":{"address":{"addressLocality":"Bochum"}},"statusCode":"failure",
                   "status":"The shipment was damaged and cannot be delivered",
                   "description":"The shipment was damaged and cannot be delivered"},
                  {"timestamp":"%s","statusCode":"transit","status":"The shipment has been processed in the parcel center",
                   "description":"The shipment has been processed in the parcel center"}]}]}
                """.formatted(tracking, at, at.minus(Duration.ofHours(5)));
        given().contentType(ContentType.JSON).body(dhl).post("/api/carrier-events/dhl").then().statusCode(202)
                .body("accepted", is(1)).body("items[0].eventIds.size()", is(2));

        new IntakeDriver(database, incidents).awaitIncidentEvents(orderId, 1);
        Incident damaged = new IntakeDriver(database, incidents).incidentEvents(orderId).get(0);
        assertThat(damaged.incidentClass()).isEqualTo(IncidentClass.DAMAGED);
        given().get("/api/shipments/{id}", "shp-" + orderId).then().statusCode(200)
                .body("history.rawCode", hasItems("failure", "transit"))
                .body("history.rawText", hasItems("The shipment was damaged and cannot be delivered"));
    }

    @Test
    void carrierPayloadOnTheTopicIsMappedByTheSameAdapter() throws Exception {
        String tracking = "1Z" + UUID.randomUUID().toString().substring(0, 12).replace("-", "").toUpperCase();
        String orderId = placeAndShip("UPS", tracking);
        Instant at = TestClock.CLOCK.instant().minus(Duration.ofHours(1));
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneOffset.UTC).format(at);
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(at);
        String ups = """
                {"trackResponse":{"shipment":[{"package":[{"trackingNumber":"%s","activity":[
                  {"location":{"address":{"city":"Louisville","countryCode":"US"}},
                   "status":{"type":"X","description":"DAMAGE REPORTED","code":"DJ","statusCode":"045"},
                   "gmtDate":"%s","gmtTime":"%s","gmtOffset":"+00:00"}]}]}]}}
                """.formatted(tracking, date, time);
        EventEnvelope envelope = EventCodec.wrap(EventTypes.CARRIER_PAYLOAD, "/ups/webhook-bridge", "tracking:UPS:" + tracking,
                TestClock.CLOCK.instant(), null, null, new CarrierPayload("ups", EventCodec.mapper().readTree(ups)));
        PlatformTopics.publish(Topics.CARRIER_EVENTS, envelope);

        IntakeDriver driver = new IntakeDriver(database, incidents);
        driver.awaitProcessed(envelope.id());
        assertThat(driver.awaitIncidentEvents(orderId, 1).get(0).incidentClass()).isEqualTo(IncidentClass.DAMAGED);
    }

    @Test
    void carrierPayloadOnTheTopicThatCannotBeMappedIsDeadLetteredWithTheField() {
        String marker = "ups-broken-" + UUID.randomUUID();
        EventEnvelope envelope = EventCodec.wrap(EventTypes.CARRIER_PAYLOAD, "/ups/webhook-bridge", marker,
                TestClock.CLOCK.instant(), null, null, new CarrierPayload("ups", EventCodec.mapper().createObjectNode()
                        .set("trackResponse", EventCodec.mapper().createObjectNode().put("shipment", "not a list"))));
        var deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_INTAKE);
        try {
            PlatformTopics.publish(Topics.CARRIER_EVENTS, envelope);
            await().atMost(Duration.ofSeconds(30)).until(() -> !PlatformTopics.recordsFor(deadLetters, marker).isEmpty());
            assertThat(PlatformTopics.deadLetterReason(PlatformTopics.recordsFor(deadLetters, marker).get(0)))
                    .contains("ups payload").contains("trackResponse.shipment");
        } finally {
            deadLetters.close();
        }
    }

    @Test
    void unknownCarrierFormatIsA404NamingTheKnownFormats() {
        given().contentType(ContentType.JSON).body("{}").post("/api/carrier-events/fedex-ftp").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("aftership, canonical, dhl, ups"))
                .body("errors[0].field", is("format"));
        given().get("/api/carrier-events/formats").then().statusCode(200).body("name", hasItems("dhl", "ups", "aftership"));
    }

    @Test
    void absurdDatesAreRefusedNamingTheFieldAndCounted() {
        double before = rejected("rest", "IMPLAUSIBLE");
        given().contentType(ContentType.JSON).body("""
                {"kind":"placed","eventId":"e-9999","orderId":"o-9999","customerId":"c","market":"DE","channel":"web",
                 "paymentMethod":"card","orderValue":{"amountMinor":100,"currency":"EUR"},
                 "promisedDeliveryBy":"9999-12-31T00:00:00Z","occurredAt":"%s"}
                """.formatted(TestClock.CLOCK.instant())).post("/api/order-events").then().statusCode(400)
                .body("errors[0].field", is("promisedDeliveryBy"))
                .body("errors[0].message", containsString("implausible"));
        given().contentType(ContentType.JSON).body("""
                {"eventId":"c-1970","carrier":"DHL","trackingNumber":"JD1970","status":"IN_TRANSIT","occurredAt":"1970-01-02T00:00:00Z"}
                """).post("/api/carrier-events").then().statusCode(400).body("errors[0].field", is("occurredAt"));
        assertThat(rejected("rest", "IMPLAUSIBLE")).isEqualTo(before + 2);
    }

    @Test
    void hugeStringsAreRefusedNotStored() throws Exception {
        String huge = "x".repeat(10_000);
        given().contentType(ContentType.JSON).body("""
                {"eventId":"c-huge","carrier":"DHL","trackingNumber":"JDHUGE","status":"IN_TRANSIT",
                 "occurredAt":"%s","location":"%s"}
                """.formatted(TestClock.CLOCK.instant(), huge)).post("/api/carrier-events").then().statusCode(400)
                .body("errors[0].field", is("location"));
        // A body beyond the configured limit (2 MB) is not even read: the service answers 413 to the headers and
        // closes the connection. The client waits for that answer before sending the body (Expect: 100-continue), as
        // a careful client does; one that sends at once may write into the closed connection (a broken pipe).
        HttpRequest oversized = HttpRequest.newBuilder(carrierEvents).version(HttpClient.Version.HTTP_1_1)
                .expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"" + "y".repeat(3 * 1024 * 1024) + "\"]")).build();
        assertThat(HttpClient.newHttpClient().send(oversized, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(413);
    }

    private static double rejected(String channel, String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("goodwill_intake_rejected_total{") && l.contains("channel=\"" + channel + "\"")
                        && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
