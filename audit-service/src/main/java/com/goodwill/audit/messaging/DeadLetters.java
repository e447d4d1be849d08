package com.goodwill.audit.messaging;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.kit.metrics.EventMetrics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one record of a batch to the dead-letter topic, with the headers the connector's own dead-letter strategy
 * writes, and waits until the broker has it: a batch is acknowledged only once each of its records is either in the
 * ledger or dead-lettered.
 */
@ApplicationScoped
class DeadLetters {

    private final Emitter<String> deadLetters;
    private final EventMetrics events;

    DeadLetters(@Channel("dead-letters") Emitter<String> deadLetters, EventMetrics events) {
        this.deadLetters = deadLetters;
        this.events = events;
    }

    void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-cause", bytes("com.goodwill.contracts.envelope.MalformedEventException"));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        deadLetters.send(Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acked.get(30, TimeUnit.SECONDS);
            events.deadLettered("platform-events", record.topic(), new MalformedEventException(reason));
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter record " + record.topic() + "/" + record.partition()
                    + "@" + record.offset() + "; the batch is retried (its appended neighbours append nothing again)", e);
        }
    }

    private static byte[] bytes(String text) {
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }
}
