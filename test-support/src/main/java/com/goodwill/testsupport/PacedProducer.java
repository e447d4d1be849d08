package com.goodwill.testsupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A benchmark's load: records sent all at once or at a fixed rate with a plain producer (acks from all replicas),
 * returning once the broker has acknowledged every one. A test companion's producer collects every acknowledgement in
 * a copy-on-write list, quadratic in the records sent, in the JVM whose CPU a benchmark may be measuring.
 */
public final class PacedProducer {

    private PacedProducer() {
    }

    /**
     * @param ratePerSecond 0: all at once, gathered for 5 ms into batches; otherwise the i-th record leaves at
     *                      start + i / rate however long the earlier sends took (no drift), not held back for company
     */
    public static void send(String bootstrapServers, String clientId, List<ProducerRecord<String, String>> records,
                            int ratePerSecond) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, ratePerSecond > 0 ? 0 : 5,
                ProducerConfig.CLIENT_ID_CONFIG, clientId), new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                if (ratePerSecond > 0) {
                    long due = start + (long) (i * 1e9 / ratePerSecond);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                acks.add(producer.send(records.get(i)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(5, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the benchmark's records could not be sent", e);
        }
    }
}
