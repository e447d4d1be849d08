package com.goodwill.intake;

import com.goodwill.contracts.Topics;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.testsupport.PlatformTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Order and carrier events in over REST, incidents out on Kafka, against the real broker and database. */
@QuarkusTest
class IncidentFlowTest {

    private static ConsumerTask<String, String> incidents;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void listen() {
        incidents = PlatformTopics.listen(Topics.INCIDENTS);
    }

    @AfterAll
    static void close() {
        incidents.close();
    }

    @Test
    void announcedDelayPastThePromiseOpensOneIncidentWithTheOrderContext() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 8);
        placeAndShip(orderId, tracking);

        postCarrier(carrierEvent("scan-1-" + tracking, tracking, "PICKED_UP", "2026-11-18T09:00:00Z", null));
        postCarrier(carrierEvent("scan-2-" + tracking, tracking, "DELAY_ANNOUNCED", "2026-11-19T09:00:00Z",
                "2026-11-22T12:00:00Z"));

        List<Incident> found = awaitIncidents(orderId, 1);
        Incident incident = found.get(0);
        assertThat(incident.incidentClass().name()).isEqualTo("DELAY");
        assertThat(incident.delayHours()).isEqualTo(42);
        assertThat(incident.trackingNumber()).isEqualTo(tracking);
        assertThat(incident.order().customerId()).isEqualTo("cust-1");
        assertThat(incident.order().orderValue().amountMinor()).isEqualTo(12_999L);
        assertThat(incident.order().orderValue().currency()).isEqualTo("EUR");
    }

    @Test
    void duplicateCarrierEventOpensNoSecondIncident() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 8);
        placeAndShip(orderId, tracking);
        String delay = carrierEvent("late-" + tracking, tracking, "DELAY_ANNOUNCED", "2026-11-19T09:00:00Z",
                "2026-11-23T18:00:00Z");
        postCarrier(delay);
        awaitIncidents(orderId, 1);

        // The same event again, and the same scan re-sent under a new id: both are duplicates.
        postCarrier(delay);
        String resent = carrierEvent("late-again-" + tracking, tracking, "DELAY_ANNOUNCED", "2026-11-19T09:00:00Z",
                "2026-11-23T18:00:00Z");
        postCarrier(resent);
        String resentEnvelopeId = DerivedId.of("carrier-event", "DHL", "late-again-" + tracking);
        driver().awaitProcessed(resentEnvelopeId);
        // A delivery that is late as well is the same problem (DELAY) on the same shipment.
        postCarrier(carrierEvent("dlv-" + tracking, tracking, "DELIVERED", "2026-11-23T17:00:00Z", null));
        String deliveredEnvelopeId = DerivedId.of("carrier-event", "DHL", "dlv-" + tracking);
        driver().awaitProcessed(deliveredEnvelopeId);
        driver().settle();

        // One incident: opened by the announcement, resolved by the delivery (71 h late is not worse than the
        // announced 72 h, so no escalation), and nothing from the duplicates.
        assertThat(incidentsOf(orderId)).hasSize(1);
        assertThat(driver().incidentEvents(orderId)).extracting(Incident::lifecycle)
                .containsExactly(IncidentLifecycle.OPENED, IncidentLifecycle.RESOLVED);
        given().get("/api/orders/{id}/incidents", orderId).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].lifecycle", org.hamcrest.Matchers.is("RESOLVED"))
                .body("[0].evidence.size()", org.hamcrest.Matchers.is(2));
    }

    @Test
    void carrierEventBeforeTheShippedEventIsKeptAndLinkedWhenTheOrderShips() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 8);
        postOrder(placed(orderId));
        postCarrier(carrierEvent("early-" + tracking, tracking, "DELAY_ANNOUNCED", "2026-11-19T09:00:00Z",
                "2026-11-21T20:00:00Z"));
        String earlyId = DerivedId.of("carrier-event", "DHL", "early-" + tracking);
        driver().awaitProcessed(earlyId);
        assertThat(incidentsOf(orderId)).isEmpty();

        postOrder(shipped(orderId, tracking));
        List<Incident> found = awaitIncidents(orderId, 1);
        assertThat(found.get(0).delayHours()).isEqualTo(26);
    }

    @Test
    void shippedEventBeforeThePlacedEventIsKeptAndAppliedWhenTheOrderIsPlaced() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 8);
        postOrder(shipped(orderId, tracking));
        String shippedId = DerivedId.of("order-event", "shipped-" + orderId);
        driver().awaitProcessed(shippedId);

        postOrder(placed(orderId));
        postCarrier(carrierEvent("late-" + tracking, tracking, "DELAY_ANNOUNCED", "2026-11-19T09:00:00Z",
                "2026-11-22T12:00:00Z"));
        List<Incident> found = awaitIncidents(orderId, 1);
        assertThat(found.get(0).trackingNumber()).isEqualTo(tracking);
        assertThat(found.get(0).delayHours()).isEqualTo(42);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from pending_order_event where order_id = ?1")
                .setParameter(1, orderId).getSingleResult()).longValue())).isZero();
    }

    @Test
    void deliveredOnTimeOpensNoIncident() {
        String orderId = "ord-" + UUID.randomUUID();
        String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 8);
        placeAndShip(orderId, tracking);
        postCarrier(carrierEvent("ontime-" + tracking, tracking, "DELIVERED", "2026-11-20T11:00:00Z", null));
        String id = DerivedId.of("carrier-event", "DHL", "ontime-" + tracking);
        driver().awaitProcessed(id);
        driver().settle();
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    private List<Incident> awaitIncidents(String orderId, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(orderId).size() >= expected);
        return incidentsOf(orderId);
    }

    /** The incidents opened for an order (their later changes are asserted where a test is about them). */
    private List<Incident> incidentsOf(String orderId) {
        return driver().incidentEvents(orderId).stream().filter(i -> i.lifecycle() == IncidentLifecycle.OPENED).toList();
    }

    private IntakeDriver driver() {
        return new IntakeDriver(database, incidents);
    }

    private void placeAndShip(String orderId, String tracking) {
        postOrder("[" + placed(orderId) + "," + shipped(orderId, tracking) + "]");
    }

    static String placed(String orderId) {
        return """
                {"kind":"placed","eventId":"placed-%s","orderId":"%s","customerId":"cust-1","market":"DE",
                 "channel":"web","paymentMethod":"card","orderValue":{"amountMinor":12999,"currency":"EUR"},
                 "items":[{"sku":"SKU-1","quantity":1,"unitPrice":{"amountMinor":12999,"currency":"EUR"}}],
                 "promisedDeliveryBy":"2026-11-20T18:00:00Z","occurredAt":"2026-11-17T10:00:00Z"}
                """.formatted(orderId, orderId);
    }

    static String shipped(String orderId, String tracking) {
        return """
                {"kind":"shipped","eventId":"shipped-%s","orderId":"%s","occurredAt":"2026-11-18T08:00:00Z",
                 "shipments":[{"shipmentId":"shp-%s","carrier":"DHL","trackingNumber":"%s","serviceLevel":"standard",
                               "originCountry":"DE","destinationCountry":"DE"}]}
                """.formatted(orderId, orderId, tracking, tracking);
    }

    static String carrierEvent(String eventId, String tracking, String status, String at, String revisedEta) {
        return """
                {"eventId":"%s","carrier":"DHL","trackingNumber":"%s","status":"%s","occurredAt":"%s",
                 "location":"Leipzig Hub","revisedEta":%s,"rawCode":"X1","rawText":"scan"}
                """.formatted(eventId, tracking, status, at, revisedEta == null ? "null" : "\"" + revisedEta + "\"");
    }

    private void postOrder(String body) {
        driver().postOrders(body);
    }

    private void postCarrier(String body) {
        driver().postCarrier(body);
    }
}
