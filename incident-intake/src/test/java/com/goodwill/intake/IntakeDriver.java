package com.goodwill.intake;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.intake.tracking.TimerSweep;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.testsupport.PlatformTopics;
import com.goodwill.testsupport.ReliabilityTables;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives incident-intake from the outside in tests: posts events over REST, waits until the consumers have
 * processed them and the outbox has published, and reads the incident events back from the real topic.
 */
final class IntakeDriver {

    private static final Set<String> INCIDENT_TYPES = Set.of(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_ESCALATED,
            EventTypes.INCIDENT_RESOLVED);

    private final DataSource database;
    private final ConsumerTask<String, String> incidents;

    IntakeDriver(DataSource database, ConsumerTask<String, String> incidents) {
        this.database = database;
        this.incidents = incidents;
    }

    void postOrders(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/order-events").then().statusCode(202);
    }

    void postCarrier(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/carrier-events").then().statusCode(202);
    }

    /** Posts order events and waits until each is processed; {@code eventIds} are the order system's ids. */
    void ordersProcessed(String body, String... eventIds) {
        postOrders(body);
        for (String eventId : eventIds) {
            awaitProcessed(DerivedId.of("order-event", eventId));
        }
    }

    /** Posts canonical carrier events (DHL unless the JSON says otherwise) and waits until they are processed. */
    void scansProcessed(String carrier, String body, String... eventIds) {
        postCarrier(body);
        for (String eventId : eventIds) {
            awaitProcessed(DerivedId.of("carrier-event", carrier, eventId));
        }
    }

    void awaitProcessed(String envelopeId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ReliabilityTables.processedByAnyConsumer(database, envelopeId));
    }

    /** Waits until everything committed so far is on the topics. */
    void settle() {
        await().atMost(Duration.ofSeconds(20)).until(() -> ReliabilityTables.outboxEmpty(database));
    }

    /** Moves the service's clock and fires every timer then due. */
    int sweepAt(Instant now, TimerSweep sweep) {
        TestClock.CLOCK.set(now);
        int fired = sweep.sweep();
        settle();
        return fired;
    }

    /** Every incident event published for a subject (order id or tracking subject), in topic order. */
    List<Incident> incidentEvents(String subject) {
        return PlatformTopics.recordsFor(incidents, subject).stream()
                .map(ConsumerRecord::value)
                .map(EventCodec::parse)
                .peek(e -> assertThat(INCIDENT_TYPES).contains(e.type()))
                .peek(e -> assertThat(e.type()).isEqualTo(EventCodec.dataAs(e, Incident.class).lifecycle().cloudEventType()))
                .map(e -> EventCodec.dataAs(e, Incident.class))
                .toList();
    }

    List<EventEnvelope> envelopes(String subject) {
        return PlatformTopics.recordsFor(incidents, subject).stream().map(ConsumerRecord::value).map(EventCodec::parse).toList();
    }

    List<Incident> awaitIncidentEvents(String subject, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentEvents(subject).size() >= expected);
        return incidentEvents(subject);
    }
}
