package com.goodwill.audit.messaging;

import com.goodwill.audit.ledger.Ledger;
import com.goodwill.audit.ledger.LedgerWriter;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every platform topic into the ledger, a poll's records at a time in one transaction (appending one record per
 * transaction cannot keep up with the platform: the chain serialises appends, so each commit's round trips add up).
 * Records are appended in the order the poll returns them, which keeps each partition's order. A record that is not
 * a platform event is dead-lettered with the reason; its neighbours are appended. A batch that fails (the database
 * away) is retried whole, which appends nothing twice: event ids already in the ledger are skipped.
 */
@ApplicationScoped
public class PlatformEventConsumer {

    private static final Logger LOG = Logger.getLogger(PlatformEventConsumer.class);

    private final Ledger ledger;
    private final DeadLetters deadLetters;

    public PlatformEventConsumer(Ledger ledger, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    @Incoming("platform-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(ConsumerRecords<String, String> records) {
        List<LedgerWriter.Received> batch = new ArrayList<>(records.count());
        Map<LedgerWriter.Received, ConsumerRecord<String, String>> consumed = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            LedgerWriter.Received received = new LedgerWriter.Received(record.topic(), record.partition(), record.offset(),
                    record.value());
            batch.add(received);
            consumed.put(received, record);
        }
        Ledger.BatchAppend result = ledger.appendBatch(batch);
        for (LedgerWriter.Rejected rejected : result.rejected()) {
            LOG.warnf("Record %s/%d@%d is not a platform event (%s); dead-lettered", rejected.received().topic(),
                    rejected.received().partition(), rejected.received().offset(), rejected.reason());
            deadLetters.send(consumed.get(rejected.received()), rejected.reason());
        }
    }
}
