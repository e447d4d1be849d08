package com.goodwill.testsupport;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and writing the platform's topics on the shared test broker, the way the services do:
 * events keyed by their subject (the order id) with the structured-mode CloudEvents content type.
 */
public final class PlatformTopics {

    private static KafkaCompanion companion;

    private PlatformTopics() {
    }

    public static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(SharedInfrastructure.get().kafkaBootstrapServers());
        }
        return companion;
    }

    /** Everything on the topic from its beginning, in a consumer group of its own. */
    public static ConsumerTask<String, String> listen(String topic) {
        return companion().consumeStrings().withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(topic);
    }

    /** As an outbox relay sends it. */
    public static void publish(String topic, EventEnvelope event) {
        publish(topic, event, null);
    }

    /** As an outbox relay sends it, with a W3C {@code traceparent} header when one is given. */
    public static void publish(String topic, EventEnvelope event, String traceparent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.subject(), EventCodec.toJson(event));
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        companion().produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));
    }

    /** The record's W3C {@code traceparent} header, or null. */
    public static String traceparent(ConsumerRecord<String, String> record) {
        return header(record, "traceparent");
    }

    /**
     * Why the record was dead-lettered: its {@code dead-letter-reason} header, as the connector's dead-letter strategy
     * and service-kit's {@code DeadLetterRecords} write it; null when the record has none.
     */
    public static String deadLetterReason(ConsumerRecord<String, String> record) {
        return header(record, "dead-letter-reason");
    }

    /** The text of the record's last header of that name, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Any text at all, for the records a consumer must dead-letter. */
    public static void produceRaw(String topic, String key, String value) {
        companion().produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion(Duration.ofSeconds(10));
    }

    public static List<ConsumerRecord<String, String>> recordsFor(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    /** The first record the task received with this key and exactly this value, once it has arrived (within {@code wait}). */
    public static ConsumerRecord<String, String> awaitRecord(ConsumerTask<String, String> task, String key, String value,
                                                             Duration wait) {
        return Awaitility.await().atMost(wait).until(() -> recordsFor(task, key).stream()
                .filter(r -> value.equals(r.value())).findFirst(), Optional::isPresent).orElseThrow();
    }
}
