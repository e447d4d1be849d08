package com.goodwill.kit.metrics;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts what every Kafka channel of the service receives ({@code goodwill_events_consumed_total}), whatever the
 * consumer method's signature, and the single records its failure strategy dead-letters (the negative acknowledgement
 * of a record is its way to the dead-letter topic). A poll's batch is counted record by record and passed on as it is:
 * a consumer taking {@code KafkaRecordBatch} needs the connector's own message, so a batch consumer counts the records
 * it dead-letters itself ({@link EventMetrics#deadLettered}).
 */
@ApplicationScoped
public class ConsumedRecords implements PublisherDecorator {

    private final EventMetrics metrics;

    public ConsumedRecords(EventMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, String channelName, boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return publisher.map(this::counted);
    }

    private Message<?> counted(Message<?> message) {
        Optional<IncomingKafkaRecordBatchMetadata> batch = message.getMetadata(IncomingKafkaRecordBatchMetadata.class);
        if (batch.isPresent()) {
            perTopic(batch.get()).forEach((topic, count) -> metrics.consumed(batch.get().getChannel(), topic, count));
            return message;
        }
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (record.isEmpty()) {
            return message;
        }
        String channel = record.get().getChannel();
        String topic = record.get().getTopic();
        metrics.consumed(channel, topic, 1);
        return message.withNackWithMetadata((reason, metadata) -> message.nack(reason, metadata)
                .thenAccept(done -> metrics.deadLettered(channel, topic, reason)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Integer> perTopic(IncomingKafkaRecordBatchMetadata batch) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Object record : batch.getRecords()) {
            counts.merge(((ConsumerRecord<?, ?>) record).topic(), 1, Integer::sum);
        }
        return counts;
    }
}
