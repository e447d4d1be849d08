package com.goodwill.decision.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PollStamp}: when the consumer polled a record, carried to the consuming method and taken off there. */
class PollStampTest {

    @Test
    void everyRecordOfAPollCarriesThePollsMomentUntilItIsTaken() {
        TopicPartition partition = new TopicPartition("goodwill.incidents.v1", 0);
        ConsumerRecord<String, String> first = new ConsumerRecord<>(partition.topic(), 0, 10, "o1", "{}");
        ConsumerRecord<String, String> second = new ConsumerRecord<>(partition.topic(), 0, 11, "o2", "{}");
        long before = System.nanoTime();
        new PollStamp().onConsume(new ConsumerRecords<>(Map.of(partition, List.of(first, second)),
                Map.<TopicPartition, OffsetAndMetadata>of()));
        long after = System.nanoTime();

        long polled = PollStamp.takeFrom(first.headers(), -1);
        assertThat(polled).isBetween(before, after);
        assertThat(PollStamp.takeFrom(second.headers(), -1)).isEqualTo(polled);
        // Taken off: a record dead-lettered afterwards does not carry the stamp on.
        assertThat(first.headers().lastHeader(PollStamp.HEADER)).isNull();
        assertThat(PollStamp.takeFrom(first.headers(), 42)).isEqualTo(42);
    }

    @Test
    void aRecordWithoutAStampIsTimedFromTheFallback() {
        assertThat(PollStamp.takeFrom(new RecordHeaders(), 7)).isEqualTo(7);
    }
}
