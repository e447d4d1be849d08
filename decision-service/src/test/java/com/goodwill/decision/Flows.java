package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static org.awaitility.Awaitility.await;

/** Incidents in, decisions, reviews and commands out, for the integration tests of the engine's flows. */
final class Flows {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Flows() {
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Incident incident(String orderId, String customerId, IncidentLifecycle lifecycle, int revision,
                             IncidentClass incidentClass, Severity severity, Long delayHours, Double probability,
                             String market, Money orderValue) {
        Instant promised = TestClock.CLOCK.instant().minus(Duration.ofHours(1));
        return new Incident("inc-" + orderId, lifecycle, revision, orderId, "shp-" + orderId, "TRK-" + orderId, "DHL",
                incidentClass, severity, IncidentSource.CARRIER, delayHours, probability,
                promised.plus(Duration.ofHours(delayHours == null ? 0 : delayHours)), "test incident", List.of("evt-1"),
                new OrderContext(customerId, market, "web", "card", orderValue, promised),
                TestClock.CLOCK.instant().minus(Duration.ofMinutes(5)));
    }

    static Incident delay(String orderId, String customerId, int revision, long hours, String market, Money orderValue) {
        return incident(orderId, customerId, revision == 1 ? IncidentLifecycle.OPENED : IncidentLifecycle.ESCALATED,
                revision, IncidentClass.DELAY, hours >= 48 ? Severity.HIGH : Severity.MEDIUM, hours, null, market, orderValue);
    }

    static EventEnvelope send(Incident incident) {
        EventEnvelope event = EventCodec.wrap(incident.lifecycle().cloudEventType(), "/goodwill/incident-intake",
                incident.orderId(), incident.detectedAt(), incident.incidentId(), null, incident);
        publish(Topics.INCIDENTS, event);
        return event;
    }

    /** The events of one type for the order, once there are at least {@code count}. */
    static List<EventEnvelope> awaitEvents(ConsumerTask<String, String> task, String orderId, String type, int count) {
        await().atMost(WAIT).until(() -> events(task, orderId, type).size() >= count);
        return events(task, orderId, type);
    }

    static List<EventEnvelope> events(ConsumerTask<String, String> task, String orderId, String type) {
        return recordsFor(task, orderId).stream().map(ConsumerRecord::value).filter(v -> !v.startsWith("marker-"))
                .map(EventCodec::parse).filter(e -> e.type().equals(type)).toList();
    }

    static DecisionMade decision(ConsumerTask<String, String> decisions, String orderId, int nth) {
        return EventCodec.dataAs(awaitEvents(decisions, orderId, EventTypes.DECISION_MADE, nth).get(nth - 1), DecisionMade.class);
    }

    static DecisionReviewed review(ConsumerTask<String, String> decisions, String orderId, int nth) {
        return EventCodec.dataAs(awaitEvents(decisions, orderId, EventTypes.DECISION_REVIEWED, nth).get(nth - 1),
                DecisionReviewed.class);
    }

    static List<CompensationRequested> commands(ConsumerTask<String, String> commands, String orderId, int count) {
        return awaitEvents(commands, orderId, EventTypes.COMPENSATION_REQUESTED, count).stream()
                .map(e -> EventCodec.dataAs(e, CompensationRequested.class)).toList();
    }

    /**
     * Everything the service published for the order before now is seen by the task: a marker sent with the same key
     * lands behind it in the same partition (call once the service's outbox is empty).
     */
    static void drain(ConsumerTask<String, String> task, String topic, String orderId) {
        String marker = "marker-" + UUID.randomUUID();
        produceRaw(topic, orderId, marker);
        await().atMost(WAIT).until(() -> recordsFor(task, orderId).stream().anyMatch(r -> marker.equals(r.value())));
    }
}
