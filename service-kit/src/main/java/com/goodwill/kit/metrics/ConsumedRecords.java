package com.goodwill.kit.metrics;

import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts what every Kafka channel of the service consumed, whatever the consumer method's signature: the connector
 * acknowledges a record once it is processed and negatively acknowledges it once its failure strategy has sent it to
 * the dead-letter topic. Without an {@code @Identifier} this interceptor applies to every incoming channel.
 */
@ApplicationScoped
public class ConsumedRecords implements IncomingInterceptor {

    private final EventMetrics metrics;

    public ConsumedRecords(EventMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        record(message).ifPresent(r -> metrics.consumed(r.channel(), r.topic(), 1));
        batch(message).ifPresent(b -> perTopic(b).forEach((topic, count) -> metrics.consumed(b.getChannel(), topic, count)));
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        record(message).ifPresent(r -> {
            metrics.consumed(r.channel(), r.topic(), 1);
            metrics.deadLettered(r.channel(), r.topic(), failure);
        });
        batch(message).ifPresent(b -> perTopic(b).forEach((topic, count) -> {
            metrics.consumed(b.getChannel(), topic, count);
            for (int i = 0; i < count; i++) {
                metrics.deadLettered(b.getChannel(), topic, failure);
            }
        }));
    }

    private record Consumed(String channel, String topic) {
    }

    private static Optional<Consumed> record(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> new Consumed(m.getChannel(), m.getTopic()));
    }

    @SuppressWarnings("rawtypes")
    private static Optional<IncomingKafkaRecordBatchMetadata> batch(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordBatchMetadata.class);
    }

    private static Map<String, Integer> perTopic(IncomingKafkaRecordBatchMetadata<?, ?> batch) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<?, ?> record : batch.getRecords()) {
            counts.merge(record.topic(), 1, Integer::sum);
        }
        return counts;
    }
}
