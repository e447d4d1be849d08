package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.testsupport.PrometheusText;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics each packaged service ({@link RunningStack}) serves at /q/metrics once events flowed, with the labels the
 * dashboard and the alerts (deploy/observability) group by: events consumed per consumer group and topic, events
 * published per topic, dead letters per group, topic and reason, consumer lag, decision latency, compensations by
 * instrument and status, and budget burn.
 */
class MetricsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void everyServiceCountsItsEventsInAndOutDeadLettersLagAndOutcomesWithTheirLabels() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "metrics-" + run;
        String tracking = "MX" + run;
        DelayedOrder order = DelayedOrder.of(orderId, "customer-" + orderId, tracking, 12_999);
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced());
        // A record that is no event at all, on a topic decision-service and audit-service both consume.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.INCIDENTS, "bad-" + run, "{ not an event")).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.FULFILMENT_RECORDED));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            PrometheusText intake = metrics("incident-intake");
            assertThat(intake.sum("goodwill_events_consumed_total",
                    Map.of("group", "incident-intake.order-events", "topic", Topics.ORDER_EVENTS))).isGreaterThanOrEqualTo(2);
            assertThat(intake.sum("goodwill_events_consumed_total",
                    Map.of("group", "incident-intake.carrier-events", "topic", Topics.CARRIER_EVENTS))).isPositive();
            assertThat(intake.sum("goodwill_outbox_published_total", Map.of("topic", Topics.INCIDENTS))).isPositive();

            PrometheusText decision = metrics("decision-service");
            assertThat(decision.sum("goodwill_events_consumed_total",
                    Map.of("group", "decision-service", "topic", Topics.INCIDENTS))).isGreaterThanOrEqualTo(2);
            assertThat(decision.find("goodwill_events_dead_lettered_total",
                    Map.of("group", "decision-service", "topic", Topics.INCIDENTS)))
                    .as("decision-service's dead letters").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.labels().get("reason")).isNotBlank());
            assertThat(decision.sum("goodwill_outbox_published_total", Map.of("topic", Topics.DECISIONS))).isPositive();
            assertThat(decision.sum("goodwill_outbox_published_total", Map.of("topic", Topics.COMPENSATION_COMMANDS))).isPositive();
            assertThat(decision.sum("goodwill_decision_duration_seconds_count", Map.of())).isPositive();
            assertThat(decision.find("goodwill_decision_duration_seconds", Map.of("quantile", "0.99"))).isNotEmpty();
            assertThat(decision.find("goodwill_budget_limit_minor", Map.of())).as("budget gauges").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.labels()).containsKeys("budget", "currency"));
            assertThat(decision.find("goodwill_budget_consumed_minor", Map.of())).isNotEmpty();
            assertThat(decision.find("goodwill_consumer_lag", Map.of("group", "decision-service", "topic", Topics.INCIDENTS)))
                    .as("consumer lag of decision-service on the incidents topic").isNotEmpty();
            assertThat(intake.find("goodwill_consumer_lag",
                    Map.of("group", "incident-intake.carrier-events", "topic", Topics.CARRIER_EVENTS))).isNotEmpty();

            PrometheusText fulfilment = metrics("fulfillment-service");
            assertThat(fulfilment.sum("goodwill_events_consumed_total",
                    Map.of("group", "fulfillment-service", "topic", Topics.COMPENSATION_COMMANDS))).isPositive();
            assertThat(fulfilment.sum("goodwill_compensations_total",
                    Map.of("instrument", "STORE_CREDIT", "status", "SUCCEEDED"))).isPositive();
            assertThat(fulfilment.sum("goodwill_outbox_published_total", Map.of("topic", Topics.FULFILMENT_RESULTS))).isPositive();

            PrometheusText audit = metrics("audit-service");
            for (String topic : new String[] {Topics.ORDER_EVENTS, Topics.CARRIER_EVENTS, Topics.INCIDENTS, Topics.DECISIONS,
                    Topics.COMPENSATION_COMMANDS, Topics.FULFILMENT_RESULTS}) {
                assertThat(audit.sum("goodwill_events_consumed_total", Map.of("group", "audit-service", "topic", topic)))
                        .as("audit-service consumed %s", topic).isPositive();
            }
            assertThat(audit.sum("goodwill_events_dead_lettered_total",
                    Map.of("group", "audit-service", "topic", Topics.INCIDENTS))).isPositive();
        });
    }

    private static PrometheusText metrics(String service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl(service) + "/q/metrics"))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s /q/metrics", service).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }
}
