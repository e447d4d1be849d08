package com.goodwill.decision.messaging;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Stamps each incident record with the moment the service's Kafka consumer handed it out of {@code poll()}, so the
 * decision latency can be measured from there: the connector queues a poll's records until the consuming method is
 * free, and a latency that starts when the method starts would hide that wait. Registered as the incidents channel's
 * {@code interceptor.classes}; the stamp is a header of the consumed record only (taken off again before anything else
 * sees it), never written to Kafka.
 */
public class PollStamp implements ConsumerInterceptor<String, String> {

    static final String HEADER = "goodwill-polled-nanos";

    @Override
    public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return records;
        }
        byte[] now = ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array();
        for (ConsumerRecord<String, String> record : records) {
            record.headers().add(HEADER, now);
        }
        return records;
    }

    /**
     * The {@link System#nanoTime()} at which the record left the consumer's poll, taken off its headers (so a
     * dead-lettered record does not carry it on); {@code fallback} when the record carries none.
     */
    static long takeFrom(Headers headers, long fallback) {
        Header stamp = headers.lastHeader(HEADER);
        if (stamp == null || stamp.value() == null || stamp.value().length != Long.BYTES) {
            return fallback;
        }
        headers.remove(HEADER);
        return ByteBuffer.wrap(stamp.value()).getLong();
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
