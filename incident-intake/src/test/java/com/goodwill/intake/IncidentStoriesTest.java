package com.goodwill.intake;

import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.intake.tracking.TimerSweep;
import com.goodwill.testsupport.PlatformTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Scripted shipment stories over the real broker and database, each asserting exactly the incident events it
 * should produce and no more. Times are relative to the service's clock, which timer stories move forward.
 */
@QuarkusTest
class IncidentStoriesTest {

    private static ConsumerTask<String, String> incidents;

    @Inject
    AgroalDataSource database;
    @Inject
    TimerSweep timers;

    private IntakeDriver driver;
    private Instant t0;

    @BeforeAll
    static void listen() {
        incidents = PlatformTopics.listen(Topics.INCIDENTS);
    }

    @AfterAll
    static void close() {
        incidents.close();
    }

    @BeforeEach
    void setUp() {
        driver = new IntakeDriver(database, incidents);
        // Whole hours keep the expected delays exact; every story starts after the previous one's clock.
        t0 = TestClock.CLOCK.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        TestClock.CLOCK.set(t0);
    }

    @Test
    void onTimeDeliveryOpensNothing() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(30)), t0.plus(hours(48)), t0.minus(hours(26)));
        story.scans(scan(story, "1", "PICKED_UP", t0.minus(hours(25)), null),
                scan(story, "2", "IN_TRANSIT", t0.minus(hours(10)), null),
                scan(story, "3", "OUT_FOR_DELIVERY", t0.minus(hours(3)), null),
                scan(story, "4", "DELIVERED", t0.minus(hours(1)), null));
        driver.settle();
        driver.sweepAt(t0.plus(Duration.ofDays(20)), timers);

        assertThat(driver.incidentEvents(story.orderId)).isEmpty();
        given().get("/api/shipments/{id}", story.shipmentId).then().statusCode(200)
                .body("status", is("DELIVERED"))
                .body("history.size()", is(4))
                .body("pendingChecks.size()", is(0));
    }

    @Test
    void announcedDelayOpensOneDelayWithTheOrderContext() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(30)), t0.plus(hours(20)), t0.minus(hours(26)));
        story.scans(scan(story, "1", "DELAY_ANNOUNCED", t0.minus(hours(1)), t0.plus(hours(40))));

        List<Incident> events = driver.awaitIncidentEvents(story.orderId, 1);
        driver.settle();
        assertThat(events).hasSize(1);
        Incident delay = events.get(0);
        assertThat(delay.lifecycle()).isEqualTo(IncidentLifecycle.OPENED);
        assertThat(delay.incidentClass()).isEqualTo(IncidentClass.DELAY);
        assertThat(delay.source()).isEqualTo(IncidentSource.CARRIER);
        assertThat(delay.delayHours()).isEqualTo(20L);
        assertThat(delay.order().customerId()).isEqualTo("cust-" + story.orderId);
        assertThat(delay.order().promisedDeliveryBy()).isEqualTo(t0.plus(hours(20)));
        assertThat(delay.evidence()).hasSize(1);
    }

    @Test
    void stalledParcelIsReportedThenPresumedLostAsOneEscalatingIncident() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(30)), t0.plus(Duration.ofDays(3)), t0.minus(hours(26)));
        story.scans(scan(story, "1", "PICKED_UP", t0.minus(hours(25)), null),
                scan(story, "2", "IN_TRANSIT", t0.minus(hours(20)), null));
        driver.settle();

        driver.sweepAt(t0.plus(hours(51)), timers);   // 71 h without a scan: not yet stalled
        assertThat(driver.incidentEvents(story.orderId)).isEmpty();

        driver.sweepAt(t0.plus(hours(53)), timers);   // 73 h
        List<Incident> stalled = driver.awaitIncidentEvents(story.orderId, 1);
        assertThat(stalled).singleElement().satisfies(i -> {
            assertThat(i.incidentClass()).isEqualTo(IncidentClass.STALLED);
            assertThat(i.source()).isEqualTo(IncidentSource.TIMER);
            assertThat(i.lifecycle()).isEqualTo(IncidentLifecycle.OPENED);
        });

        driver.sweepAt(t0.plus(hours(149)), timers);  // 7 days and 1 hour after the last scan
        List<Incident> events = driver.awaitIncidentEvents(story.orderId, 2);
        assertThat(events).hasSize(2);
        Incident lost = events.get(1);
        assertThat(lost.incidentId()).isEqualTo(stalled.get(0).incidentId());
        assertThat(lost.lifecycle()).isEqualTo(IncidentLifecycle.ESCALATED);
        assertThat(lost.incidentClass()).isEqualTo(IncidentClass.LOST);
        assertThat(lost.severity()).isEqualTo(Severity.HIGH);
        assertThat(lost.revision()).isEqualTo(2);

        driver.sweepAt(t0.plus(hours(400)), timers);  // nothing left to fire for this parcel
        assertThat(driver.incidentEvents(story.orderId)).hasSize(2);
    }

    @Test
    void labelWithoutAFirstScanIsAForgottenParcelAndDeliveryResolvesIt() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(3)), t0.plus(Duration.ofDays(4)), t0.minus(hours(2)));
        driver.settle();
        driver.sweepAt(t0.plus(hours(21)), timers);
        assertThat(driver.incidentEvents(story.orderId)).isEmpty();

        driver.sweepAt(t0.plus(hours(23)), timers);
        assertThat(driver.awaitIncidentEvents(story.orderId, 1)).singleElement().satisfies(i -> {
            assertThat(i.incidentClass()).isEqualTo(IncidentClass.STALLED);
            assertThat(i.reason()).contains("24 h of the label");
        });

        story.scans(scan(story, "1", "PICKED_UP", t0.plus(hours(23)), null),
                scan(story, "2", "DELIVERED", t0.plus(hours(40)), null));
        List<Incident> events = driver.awaitIncidentEvents(story.orderId, 2);
        assertThat(events).extracting(Incident::lifecycle).containsExactly(IncidentLifecycle.OPENED, IncidentLifecycle.RESOLVED);
    }

    @Test
    void orderNotShippedInTimeIsADelayedDispatchThatShippingResolves() {
        Story story = new Story("DHL");
        driver.ordersProcessed(story.placed(t0.minus(hours(1)), t0.plus(Duration.ofDays(5))), "placed-" + story.orderId);
        driver.sweepAt(t0.plus(hours(46)), timers);
        assertThat(driver.incidentEvents(story.orderId)).isEmpty();

        driver.sweepAt(t0.plus(hours(48)), timers);
        Incident dispatch = driver.awaitIncidentEvents(story.orderId, 1).get(0);
        assertThat(dispatch.incidentClass()).isEqualTo(IncidentClass.DELAYED_DISPATCH);
        assertThat(dispatch.shipmentId()).isNull();
        assertThat(dispatch.order().orderValue().amountMinor()).isEqualTo(4_999L);

        driver.ordersProcessed(story.shipped(t0.plus(hours(48))), "shipped-" + story.orderId);
        driver.settle();
        assertThat(driver.incidentEvents(story.orderId)).extracting(Incident::lifecycle)
                .containsExactly(IncidentLifecycle.OPENED, IncidentLifecycle.RESOLVED);
    }

    @Test
    void predictedThenAnnouncedThenLateDeliveryIsOneIncidentThatEscalatesAndResolves() {
        // A carrier of its own: a lane nobody has taught yet, so the configured prior decides.
        Story story = new Story("PRED" + UUID.randomUUID().toString().substring(0, 6));
        Instant promise = t0.plus(hours(11));
        story.placeAndShip(t0.minus(hours(48)), promise, t0.minus(hours(40)));
        story.scans(scan(story, "1", "IN_TRANSIT", t0, null));

        Incident predicted = driver.awaitIncidentEvents(story.orderId, 1).get(0);
        assertThat(predicted.incidentClass()).isEqualTo(IncidentClass.PREDICTED_DELAY);
        assertThat(predicted.source()).isEqualTo(IncidentSource.PREDICTION);
        // Prior from IN_TRANSIT: log-normal, median 30 h, sigma 0.6; 11 h left: P(late) = 1 - Phi(ln(11/30)/0.6) = 0.952.
        assertThat(predicted.delayProbability()).isBetween(0.94, 0.96);
        // E[max(0, R - 11)] = E[R] - 11 + E[max(0, 11 - R)] = 30 e^(0.18) - 11 + 0.1 = 25.0 h, rounded up.
        assertThat(predicted.delayHours()).isBetween(25L, 26L);
        assertThat(predicted.detectedAt()).isEqualTo(t0);

        story.scans(scan(story, "2", "DELAY_ANNOUNCED", t0.plus(hours(1)), promise.plus(hours(30))));
        TestClock.CLOCK.set(promise.plus(hours(31)));
        story.scans(scan(story, "3", "DELIVERED", promise.plus(hours(31)), null));
        driver.settle();

        List<Incident> events = driver.awaitIncidentEvents(story.orderId, 4);
        assertThat(events).hasSize(4);
        assertThat(events).extracting(Incident::incidentId).containsOnly(predicted.incidentId());
        assertThat(events).extracting(Incident::lifecycle).containsExactly(IncidentLifecycle.OPENED,
                IncidentLifecycle.ESCALATED, IncidentLifecycle.ESCALATED, IncidentLifecycle.RESOLVED);
        assertThat(events).extracting(Incident::revision).containsExactly(1, 2, 3, 4);
        assertThat(events.get(1).incidentClass()).isEqualTo(IncidentClass.DELAY);
        assertThat(events.get(1).delayHours()).isEqualTo(30L);
        assertThat(events.get(1).delayProbability()).isNull();
        assertThat(events.get(2).delayHours()).isEqualTo(31L);
        assertThat(events.get(3).evidence()).hasSize(3);
    }

    @Test
    void duplicateAndReorderedScansChangeNothingAndALateInTransitDoesNotReopen() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(60)), t0.minus(hours(5)), t0.minus(hours(50)));
        String delivered = scan(story, "4", "DELIVERED", t0.minus(hours(1)), null);
        story.scans(scan(story, "2", "IN_TRANSIT", t0.minus(hours(30)), null),
                scan(story, "1", "PICKED_UP", t0.minus(hours(48)), null),
                delivered,
                scan(story, "3", "OUT_FOR_DELIVERY", t0.minus(hours(6)), null));
        // The delivery again, under its id and under a new one; then a stale "in transit" after delivery.
        driver.postCarrier(delivered);
        story.scans(delivered.replace("\"" + story.tracking + "-4\"", "\"" + story.tracking + "-4-resent\""),
                scan(story, "5", "IN_TRANSIT", t0.minus(hours(20)), null));
        driver.settle();

        List<Incident> events = driver.incidentEvents(story.orderId);
        assertThat(events).extracting(Incident::lifecycle).containsExactly(IncidentLifecycle.OPENED, IncidentLifecycle.RESOLVED);
        assertThat(events.get(0).incidentClass()).isEqualTo(IncidentClass.DELAY);
        assertThat(events.get(0).delayHours()).isEqualTo(4L);
        given().get("/api/shipments/{id}", story.shipmentId).then().statusCode(200)
                .body("status", is("DELIVERED"))
                .body("deliveredAt", is(t0.minus(hours(1)).toString()))
                .body("history.size()", is(5));
    }

    @Test
    void unknownTrackingNumberBecomesAnInvalidTrackingIdThatLinkingResolves() {
        Story story = new Story("DHL");
        String subject = Subjects.tracking(story.carrier, story.tracking);
        story.scans(scan(story, "1", "PICKED_UP", t0.minus(hours(1)), null));
        driver.sweepAt(t0.plus(hours(71)), timers);
        assertThat(driver.incidentEvents(subject)).isEmpty();

        driver.sweepAt(t0.plus(hours(73)), timers);
        Incident invalid = driver.awaitIncidentEvents(subject, 1).get(0);
        assertThat(invalid.incidentClass()).isEqualTo(IncidentClass.INVALID_TRACKING_ID);
        assertThat(invalid.orderId()).isNull();
        assertThat(invalid.order()).isNull();
        assertThat(invalid.trackingNumber()).isEqualTo(story.tracking);

        driver.ordersProcessed(story.placed(t0.plus(hours(70)), t0.plus(hours(120))), "placed-" + story.orderId);
        driver.ordersProcessed(story.shipped(t0.plus(hours(73))), "shipped-" + story.orderId);
        driver.settle();
        assertThat(driver.incidentEvents(subject)).extracting(Incident::lifecycle)
                .containsExactly(IncidentLifecycle.OPENED, IncidentLifecycle.RESOLVED);
        given().get("/api/shipments/{id}", story.shipmentId).then().statusCode(200)
                .body("status", is("PICKED_UP")).body("history.size()", is(1));
    }

    @Test
    void carrierExceptionsAndCustomerReportsOpenOneIncidentPerProblem() {
        Story story = new Story("DHL");
        story.placeAndShip(t0.minus(hours(30)), t0.plus(hours(30)), t0.minus(hours(26)));
        story.scans(scan(story, "1", "FAILED_ATTEMPT", t0.minus(hours(5)), null),
                scan(story, "2", "DAMAGED", t0.minus(hours(4)), null));
        // The customer reports the damage too, and a missing item: the damage is the same problem.
        given().contentType(ContentType.JSON).body("""
                [{"eventId":"%1$s-cust-1","orderId":"%1$s","problem":"DAMAGED","description":"Box crushed",
                  "occurredAt":"%2$s"},
                 {"eventId":"%1$s-cust-2","orderId":"%1$s","problem":"MISSING_ITEM","skus":["SKU-7"],
                  "description":"The charger was not in the box","occurredAt":"%2$s"}]
                """.formatted(story.orderId, t0.minus(hours(1)))).post("/api/customer-problems")
                .then().statusCode(202).body("accepted", is(2));
        driver.awaitProcessed(com.goodwill.kit.ids.DerivedId.of("order-event", story.orderId + "-cust-2"));
        story.scans(scan(story, "3", "DELIVERED", t0.minus(hours(2)), null));
        driver.settle();

        List<Incident> events = driver.incidentEvents(story.orderId);
        assertThat(events).filteredOn(i -> i.lifecycle() == IncidentLifecycle.OPENED)
                .extracting(Incident::incidentClass, Incident::source)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(IncidentClass.FAILED_ATTEMPT, IncidentSource.CARRIER),
                        org.assertj.core.groups.Tuple.tuple(IncidentClass.DAMAGED, IncidentSource.CARRIER),
                        org.assertj.core.groups.Tuple.tuple(IncidentClass.MISSING_ITEM, IncidentSource.CUSTOMER));
        // Delivery ends the failed attempt, not the damage or the missing item.
        assertThat(events).filteredOn(i -> i.lifecycle() == IncidentLifecycle.RESOLVED)
                .extracting(Incident::incidentClass).containsExactly(IncidentClass.FAILED_ATTEMPT);
        assertThat(events).hasSize(4);
        given().get("/api/orders/{id}/incidents", story.orderId).then().statusCode(200)
                .body("find { it.incidentClass == 'DAMAGED' }.evidence.size()", is(2));
    }

    @Test
    void replayingTheStreamAgainOrShuffledWithinItsOrderYieldsTheSameIncidents() {
        Random random = new Random(7);
        List<List<String>> outcomes = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Story story = new Story("DHL");
            List<String> scans = new ArrayList<>(List.of(
                    scan(story, "1", "PICKED_UP", t0.minus(hours(50)), null),
                    scan(story, "2", "FAILED_ATTEMPT", t0.minus(hours(30)), null),
                    scan(story, "3", "DELAY_ANNOUNCED", t0.minus(hours(29)), t0.minus(hours(2))),
                    scan(story, "4", "DELAY_ANNOUNCED", t0.minus(hours(20)), t0.plus(hours(4))),
                    scan(story, "5", "DELIVERED", t0.minus(hours(1)), null)));
            if (run > 0) {
                // Carrier events overtake each other and the order events; an order's own events keep their order.
                Collections.shuffle(scans, random);
            }
            int split = run == 2 ? 2 : 0;
            story.scans(scans.subList(0, split).toArray(String[]::new));
            story.placeAndShip(t0.minus(hours(60)), t0.minus(hours(10)), t0.minus(hours(52)));
            story.scans(scans.subList(split, scans.size()).toArray(String[]::new));
            driver.settle();
            // The whole stream a second time changes nothing.
            story.placeAndShip(t0.minus(hours(60)), t0.minus(hours(10)), t0.minus(hours(52)));
            story.scans(scans.toArray(String[]::new));
            driver.settle();
            outcomes.add(given().get("/api/orders/{id}/incidents", story.orderId).then().statusCode(200)
                    .extract().jsonPath().getList("", java.util.Map.class).stream()
                    .map(i -> i.get("incidentClass") + "/" + i.get("severity") + "/" + i.get("delayHours") + "/"
                            + i.get("lifecycle") + "/" + ((List<?>) i.get("evidence")).size())
                    .sorted().toList());
        }
        assertThat(outcomes.get(0)).containsExactly("DELAY/MEDIUM/9/RESOLVED/3", "FAILED_ATTEMPT/LOW/null/RESOLVED/2");
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(2)).isEqualTo(outcomes.get(0));
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    private static String scan(Story story, String seq, String status, Instant at, Instant revisedEta) {
        return """
                {"eventId":"%s-%s","carrier":"%s","trackingNumber":"%s","status":"%s","occurredAt":"%s",
                 "location":"Hub %s","revisedEta":%s,"rawCode":"C%s","rawText":"scan %s"}
                """.formatted(story.tracking, seq, story.carrier, story.tracking, status, at, seq,
                revisedEta == null ? "null" : "\"" + revisedEta + "\"", seq, seq);
    }

    /** One order with one parcel. */
    private final class Story {
        final String orderId = "ord-" + UUID.randomUUID();
        final String tracking = "TRK" + UUID.randomUUID().toString().substring(0, 10).replace("-", "");
        final String shipmentId = "shp-" + orderId;
        final String carrier;

        Story(String carrier) {
            this.carrier = carrier;
        }

        String placed(Instant at, Instant promised) {
            return """
                    {"kind":"placed","eventId":"placed-%1$s","orderId":"%1$s","customerId":"cust-%1$s","market":"DE",
                     "channel":"web","paymentMethod":"card","orderValue":{"amountMinor":4999,"currency":"EUR"},
                     "promisedDeliveryBy":"%2$s","occurredAt":"%3$s"}
                    """.formatted(orderId, promised, at);
        }

        String shipped(Instant at) {
            return """
                    {"kind":"shipped","eventId":"shipped-%1$s","orderId":"%1$s","occurredAt":"%2$s",
                     "shipments":[{"shipmentId":"%3$s","carrier":"%4$s","trackingNumber":"%5$s","serviceLevel":"standard",
                                   "originCountry":"DE","destinationCountry":"DE"}]}
                    """.formatted(orderId, at, shipmentId, carrier, tracking);
        }

        void placeAndShip(Instant placedAt, Instant promised, Instant shippedAt) {
            driver.ordersProcessed("[" + placed(placedAt, promised) + "," + shipped(shippedAt) + "]",
                    "placed-" + orderId, "shipped-" + orderId);
        }

        void scans(String... scans) {
            if (scans.length == 0) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (String scan : scans) {
                ids.add(io.restassured.path.json.JsonPath.from(scan).getString("eventId"));
            }
            driver.scansProcessed(carrier, "[" + String.join(",", scans) + "]", ids.toArray(String[]::new));
        }
    }
}
