package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four packaged services as separate processes against one real Kafka broker and one real
 * PostgreSQL, started by the same launcher a user runs ({@code ./stack run}), on free ports ({@link RunningStack}).
 */
class EndToEndTest {

    /** fulfillment-service records each step of the command: received, executing, succeeded. */
    private static final List<String> COMPENSATION_STORY = List.of(EventTypes.INCIDENT_OPENED,
            EventTypes.DECISION_MADE, EventTypes.COMPENSATION_REQUESTED, EventTypes.FULFILMENT_RECORDED,
            EventTypes.FULFILMENT_RECORDED, EventTypes.FULFILMENT_RECORDED);

    private static RunningStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void announcedDelayIsCompensatedExactlyOnceEvenWhenEverythingIsPostedAgain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "e2e-" + run;
        String customerId = "customer-" + run;
        String tracking = "JD" + run;
        DelayedOrder order = DelayedOrder.of(orderId, customerId, tracking, 12_999);
        String orderEvents = order.placedAndShipped();
        String delay = order.delayAnnounced();

        post("incident-intake", "/api/order-events", orderEvents);
        post("incident-intake", "/api/carrier-events", delay);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> compensationStory(timeline(orderId)).size() >= COMPENSATION_STORY.size());
        JsonNode timeline = timeline(orderId);
        // One of each. The ledger orders events as audit-service received them, and these travel on different
        // topics, so their order in the ledger says nothing; the ids say who caused what.
        assertThat(compensationStory(timeline)).containsExactlyInAnyOrderElementsOf(COMPENSATION_STORY);
        assertThat(RunningStack.typesIn(timeline)).startsWith(EventTypes.ORDER_PLACED, EventTypes.ORDER_SHIPPED);

        JsonNode incident = RunningStack.dataOf(timeline, EventTypes.INCIDENT_OPENED);
        assertThat(incident.path("incidentClass").asText()).isEqualTo("DELAY");
        assertThat(incident.path("delayHours").asLong()).isEqualTo(DelayedOrder.DELAY_PAST_PROMISE.toHours());
        JsonNode decision = RunningStack.dataOf(timeline, EventTypes.DECISION_MADE);
        assertThat(decision.path("remedies").get(0).path("instrument").asText()).isEqualTo("STORE_CREDIT");
        assertThat(decision.path("remedies").get(0).path("amount").path("amountMinor").asLong()).isEqualTo(650);
        assertThat(decision.path("incidentId").asText()).isEqualTo(incident.path("incidentId").asText());
        JsonNode command = RunningStack.dataOf(timeline, EventTypes.COMPENSATION_REQUESTED);
        assertThat(command.path("decisionId").asText()).isEqualTo(decision.path("decisionId").asText());
        JsonNode fulfilment = RunningStack.dataOf(timeline, EventTypes.FULFILMENT_RECORDED);
        assertThat(fulfilment.path("commandId").asText()).isEqualTo(command.path("commandId").asText());
        // The steps of one command travel on one topic under one key, so their order in the ledger is theirs.
        assertThat(fulfilmentStatuses(timeline)).containsExactly("RECEIVED", "EXECUTING", "SUCCEEDED");
        assertThat(storeCreditEur(customerId)).isEqualTo(650);

        // Everything again, plus the same scan re-sent under a new id, then a new order event as a marker:
        // once the re-sent scan and the marker are in the ledger, intake has handled every duplicate before them.
        post("incident-intake", "/api/order-events", orderEvents);
        post("incident-intake", "/api/carrier-events", delay);
        post("incident-intake", "/api/carrier-events", delay.replace(tracking + "-delay", tracking + "-delay-resent"));
        post("incident-intake", "/api/order-events", """
                {"kind":"delivered","eventId":"%1$s-delivered","orderId":"%1$s","occurredAt":"%2$s"}
                """.formatted(orderId, order.now()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode entries = timeline(orderId).path("entries");
            boolean marker = false;
            boolean resent = false;
            for (JsonNode entry : entries) {
                String eventId = entry.path("data").path("eventId").asText();
                marker |= eventId.equals(orderId + "-delivered");
                resent |= eventId.equals(tracking + "-delay-resent");
            }
            return marker && resent;
        });
        // Nothing may follow from the duplicates: the story stays one incident, one decision, one payment.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> compensationStory(timeline(orderId)).stream().sorted().toList()
                        .equals(COMPENSATION_STORY.stream().sorted().toList()));
        assertThat(storeCreditEur(customerId)).isEqualTo(650);
        assertThat(RunningStack.typesIn(timeline(orderId)).stream().filter(EventTypes.ORDER_PLACED::equals)).hasSize(1);

        JsonNode verification = getJson("audit-service", "/api/ledger/verification");
        assertThat(verification.path("intact").asBoolean()).as("ledger verification %s", verification).isTrue();
    }

    private static List<String> fulfilmentStatuses(JsonNode timeline) {
        List<String> statuses = new java.util.ArrayList<>();
        timeline.path("entries").forEach(e -> {
            if (EventTypes.FULFILMENT_RECORDED.equals(e.path("type").asText())) {
                statuses.add(e.path("data").path("status").asText());
            }
        });
        return statuses;
    }

    private static List<String> compensationStory(JsonNode timeline) {
        return RunningStack.typesIn(timeline).stream().filter(COMPENSATION_STORY::contains).toList();
    }

    private long storeCreditEur(String customerId) throws Exception {
        return getJson("fulfillment-service", "/api/customers/" + customerId + "/store-credit")
                .path("balanceMinorByCurrency").path("EUR").asLong();
    }

    private JsonNode timeline(String orderId) throws Exception {
        return stack.timeline(orderId);
    }

    private JsonNode getJson(String service, String path) throws Exception {
        return stack.getJson(service, path);
    }

    private void post(String service, String path, String json) throws Exception {
        stack.post(service, path, json);
    }
}
