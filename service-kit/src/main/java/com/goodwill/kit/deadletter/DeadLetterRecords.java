package com.goodwill.kit.deadletter;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Dead-letters one record of a consumed batch. A batch consumer cannot use the connector's dead-letter strategy
 * (it would dead-letter the whole batch), so it sends the bad record itself, with the headers that strategy writes
 * ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}), and waits for
 * the broker: a batch is acknowledged only once each of its records is either processed or dead-lettered.
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * @param deadLetters the service's emitter for its dead-letter topic
     * @param cause       the kind of failure, e.g. the exception's class name
     * @throws IllegalStateException when the broker does not take the record within 30 s: the caller's batch fails
     *                               and is consumed again
     */
    public static void send(Emitter<String> deadLetters, ConsumerRecord<String, String> record, String reason, String cause) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-cause", bytes(cause));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        try {
            BrokerAcks.send(deadLetters, Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key()).withHeaders(headers).build())).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + where(record) + "; the batch is retried", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter record " + where(record) + "; the batch is retried", e);
        }
    }

    private static String where(ConsumerRecord<String, String> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    private static byte[] bytes(String text) {
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }
}
