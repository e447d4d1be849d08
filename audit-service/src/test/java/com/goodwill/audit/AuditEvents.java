package com.goodwill.audit;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.Shipment;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.testsupport.PlatformTopics;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Platform events of every type for one order, and the way to put them on their topics and find them in the ledger. */
final class AuditEvents {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Money VALUE = Money.of(12_999, "EUR");
    /** One client for the test JVM; the broker outlives every test class and stops with the JVM. */

    private AuditEvents() {
    }

    /** A topic and the event on it. */
    record Sent(String topic, EventEnvelope event) {
        String json() {
            return EventCodec.toJson(event);
        }
    }

    static Sent orderPlaced(String orderId, Instant at) {
        OrderPlaced placed = new OrderPlaced("placed-" + orderId, orderId, "cust-1", "DE", "web", "card", VALUE, List.of(),
                at.plus(Duration.ofDays(3)), at);
        return new Sent(Topics.ORDER_EVENTS, EventCodec.wrap(EventTypes.ORDER_PLACED, "/goodwill/incident-intake",
                orderId, at, null, null, placed));
    }

    static Sent orderShipped(String orderId, String trackingNumber, Instant at) {
        OrderShipped shipped = new OrderShipped("shipped-" + orderId, orderId,
                List.of(new Shipment("shp-" + orderId, "DHL", trackingNumber, "standard", "DE", "DE")), at);
        return new Sent(Topics.ORDER_EVENTS, EventCodec.wrap(EventTypes.ORDER_SHIPPED, "/goodwill/incident-intake",
                orderId, at, null, null, shipped));
    }

    /** A scan that arrived before its order shipped: its subject is the parcel, not the order. */
    static Sent earlyCarrierScan(String trackingNumber, String scanId, Instant at) {
        CarrierEvent scan = new CarrierEvent(scanId, "DHL", trackingNumber, TrackingStatus.PICKED_UP, at, "Leipzig Hub", null, "PU", "picked up");
        return new Sent(Topics.CARRIER_EVENTS, EventCodec.wrap(EventTypes.CARRIER_TRACKING, "/goodwill/incident-intake",
                Subjects.tracking("DHL", trackingNumber), at, null, null, scan));
    }

    static Sent orderDelivered(String orderId, Instant at) {
        OrderDelivered delivered = new OrderDelivered("delivered-" + orderId, orderId, at);
        return new Sent(Topics.ORDER_EVENTS, EventCodec.wrap(EventTypes.ORDER_DELIVERED, "/goodwill/incident-intake",
                orderId, at, null, null, delivered));
    }

    static Sent carrierScan(String orderId, String scanId, Instant at) {
        CarrierEvent scan = new CarrierEvent(scanId, "DHL", "TRK-" + orderId, TrackingStatus.IN_TRANSIT, at, "Leipzig Hub", null, "X1", "scan");
        return new Sent(Topics.CARRIER_EVENTS, EventCodec.wrap(EventTypes.CARRIER_TRACKING, "/goodwill/incident-intake",
                orderId, at, null, null, scan));
    }

    static Sent incident(String orderId, String incidentId, Instant at) {
        return incident(orderId, incidentId, at, null);
    }

    /** An incident revealed by the event {@code causationId}. */
    static Sent incident(String orderId, String incidentId, Instant at, String causationId) {
        Incident incident = new Incident(incidentId, IncidentLifecycle.OPENED, 1, orderId, "shp-1", "TRK-" + orderId, "DHL",
                IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, at.plus(Duration.ofDays(2)),
                "42 h late", List.of(),
                new OrderContext("cust-1", "DE", "web", "card", VALUE, at.plus(Duration.ofDays(1))), at);
        return new Sent(Topics.INCIDENTS, EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake",
                orderId, at, incidentId, causationId, incident));
    }

    static Sent decision(String orderId, String incidentId, Instant at) {
        DecisionMade made = new DecisionMade("dec-" + incidentId, incidentId, orderId, "cust-1", DecisionOutcome.COMPENSATE,
                List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"))), "AUTO", "config-1",
                "STORE_CREDIT_SHARE_OF_ORDER", "CS-GOODWILL", "customer-care", "Because ...", at);
        return new Sent(Topics.DECISIONS, EventCodec.wrap(EventTypes.DECISION_MADE, "/goodwill/decision-service",
                orderId, at, incidentId, null, made));
    }

    static Sent fulfilment(String orderId, String incidentId, Instant at) {
        FulfilmentRecorded recorded = new FulfilmentRecorded("cmd-" + incidentId, "dec-" + incidentId, incidentId, orderId,
                "cust-1", Instrument.STORE_CREDIT, Money.of(650, "EUR"), FulfilmentStatus.SUCCEEDED, "entry-1",
                "store credit booked", at);
        return new Sent(Topics.FULFILMENT_RESULTS, EventCodec.wrap(EventTypes.FULFILMENT_RECORDED,
                "/goodwill/fulfillment-service", orderId, at, incidentId, null, recorded));
    }

    static void produce(String topic, String key, String value) {
        PlatformTopics.produceRaw(topic, key, value);
    }

    /** As the services' outbox relays send it. */
    static void produce(Sent sent) {
        PlatformTopics.publish(sent.topic(), sent.event());
    }

    static JsonPath timeline(String orderId) {
        return given().get("/api/timeline/orders/{orderId}", orderId).then().statusCode(200).extract().jsonPath();
    }

    static List<String> timelineEventIds(String orderId) {
        return timeline(orderId).getList("entries.eventId", String.class);
    }

    /** Waits until the event is in the order's timeline and returns its ledger sequence. */
    static long awaitInLedger(Sent sent) {
        String orderId = sent.event().subject();
        await().atMost(WAIT).until(() -> timelineEventIds(orderId).contains(sent.event().id()));
        JsonPath timeline = timeline(orderId);
        int index = timeline.getList("entries.eventId", String.class).indexOf(sent.event().id());
        return timeline.getLong("entries[" + index + "].sequence");
    }
}
