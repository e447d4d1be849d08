package com.goodwill.decision;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static com.goodwill.testsupport.PlatformTopics.traceparent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The W3C trace context crosses decision-service over the real broker: the incident arrives with a traceparent header
 * (a String-payload consumer), the decision and the command go out through the outbox, which stores the context with
 * the row and the relay sets it as the header of each record. Same trace id, new span ids (the relay's publish spans).
 */
@QuarkusTest
class TraceContextFlowTest {

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> commands;

    @BeforeAll
    static void subscribe() {
        decisions = listen(Topics.DECISIONS);
        commands = listen(Topics.COMPENSATION_COMMANDS);
    }

    @AfterAll
    static void close() {
        decisions.close();
        commands.close();
    }

    @Test
    void decisionAndCommandContinueTheTraceOfTheIncidentThatCausedThem() {
        String orderId = Flows.id("ord-trace");
        Incident incident = Flows.delay(orderId, Flows.id("cust"), 1, 30, "DE", Money.of(12_999, "EUR"));
        EventEnvelope event = EventCodec.wrap(incident.lifecycle().cloudEventType(), "/goodwill/incident-intake",
                incident.orderId(), incident.detectedAt(), incident.incidentId(), null, incident);
        String traceId = hex(16);
        String parentSpanId = hex(8);
        // Flags 00: not sampled, so nothing is exported in the test; the context travels all the same.
        publish(Topics.INCIDENTS, event, "00-" + traceId + "-" + parentSpanId + "-00");

        await().atMost(Flows.WAIT).until(() -> !recordsFor(decisions, orderId).isEmpty() && !recordsFor(commands, orderId).isEmpty());
        List<ConsumerRecord<String, String>> published = List.of(recordsFor(decisions, orderId).get(0),
                recordsFor(commands, orderId).get(0));
        for (ConsumerRecord<String, String> record : published) {
            String header = traceparent(record);
            assertThat(header).as("traceparent of the record on %s", record.topic()).isNotNull();
            String[] parts = header.split("-");
            assertThat(parts[1]).as("trace id on %s", record.topic()).isEqualTo(traceId);
            assertThat(parts[2]).as("span id on %s: a span of decision-service", record.topic())
                    .hasSize(16).isNotEqualTo(parentSpanId);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C calls invalid
        return HexFormat.of().formatHex(random);
    }
}
