package com.goodwill.decision;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.testsupport.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared event metrics (service-kit) in decision-service's /q/metrics once records flowed: consumed per group and
 * topic, dead-lettered per group, topic and reason, published by the outbox per topic; and the decision latency.
 */
@QuarkusTest
class EventMetricsTest {

    private static final String INCIDENTS = Topics.INCIDENTS;

    private static ConsumerTask<String, String> commands;
    private static ConsumerTask<String, String> deadLetters;

    @BeforeAll
    static void subscribe() {
        commands = listen(Topics.COMPENSATION_COMMANDS);
        deadLetters = listen(Topics.DEAD_LETTER_DECISION);
    }

    @AfterAll
    static void close() {
        commands.close();
        deadLetters.close();
    }

    @Test
    void consumedDeadLetteredAndPublishedRecordsAreCountedWithTheirGroupTopicAndReason() {
        PrometheusText before = metrics();
        String orderId = Flows.id("ord-metrics");
        Incident incident = Flows.delay(orderId, Flows.id("cust"), 1, 30, "DE", Money.of(12_999, "EUR"));
        Flows.send(incident);
        String badKey = Flows.id("bad");
        produceRaw(INCIDENTS, badKey, "{ this is not an event");
        await().atMost(Flows.WAIT).until(() -> !recordsFor(commands, orderId).isEmpty() && !recordsFor(deadLetters, badKey).isEmpty());

        Map<String, String> incidents = Map.of("group", "decision-service", "topic", INCIDENTS);
        await().atMost(Flows.WAIT).untilAsserted(() -> {
            PrometheusText after = metrics();
            assertThat(after.sum("goodwill_events_consumed_total", incidents)
                    - before.sum("goodwill_events_consumed_total", incidents)).isGreaterThanOrEqualTo(2);
            assertThat(after.find("goodwill_events_dead_lettered_total", incidents))
                    .as("dead letters of the incidents consumer").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.labels().get("reason")).isNotBlank());
            assertThat(after.sum("goodwill_events_dead_lettered_total", incidents)
                    - before.sum("goodwill_events_dead_lettered_total", incidents)).isEqualTo(1);
            assertThat(after.sum("goodwill_outbox_published_total", Map.of("topic", Topics.COMPENSATION_COMMANDS))
                    - before.sum("goodwill_outbox_published_total", Map.of("topic", Topics.COMPENSATION_COMMANDS)))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.sum("goodwill_outbox_published_total", Map.of("topic", Topics.DECISIONS))).isPositive();
            assertThat(after.sum("goodwill_decision_duration_seconds_count", Map.of())).isPositive();
            assertThat(after.find("goodwill_decision_duration_seconds", Map.of("quantile", "0.99"))).isNotEmpty();
            // Read from the broker: the incidents group has committed everything the test sent.
            assertThat(after.find("goodwill_consumer_lag", incidents)).as("lag of the incidents consumer group")
                    .singleElement().extracting(PrometheusText.Sample::value).isEqualTo(0.0);
            assertThat(after.find("goodwill_consumer_lag",
                    Map.of("group", "decision-service.fulfilment-results", "topic", Topics.FULFILMENT_RESULTS))).isNotEmpty();
        });
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
