package com.goodwill.intake.messaging;

import com.goodwill.intake.input.RejectedInputs;
import com.goodwill.kit.metrics.EventMetrics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Sends one record of a batch to the dead-letter topic, with the same headers the connector's own
 * dead-letter strategy writes, and waits until the broker has it: a record is acknowledged only once it
 * is either processed or dead-lettered.
 */
@ApplicationScoped
class DeadLetters {

    private final Emitter<String> deadLetters;
    private final RejectedInputs rejections;
    private final EventMetrics events;

    DeadLetters(@Channel("dead-letters") Emitter<String> deadLetters, RejectedInputs rejections, EventMetrics events) {
        this.deadLetters = deadLetters;
        this.rejections = rejections;
        this.events = events;
    }

    /** One record of the channel's batch; the others go on. */
    void send(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-cause", bytes(reason.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        try {
            BrokerAcks.send(deadLetters, Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key()).withHeaders(headers).build())).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter record " + record.topic() + "/" + record.partition()
                    + "@" + record.offset() + "; the batch is retried", e);
        }
        rejections.count("kafka", RejectedInputs.Reason.MALFORMED_RECORD);
        events.deadLettered(channel, record.topic(), reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
