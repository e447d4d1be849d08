package com.goodwill.audit.messaging;

import com.goodwill.audit.publicstream.PublicProjection;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import com.goodwill.kit.outbox.Outbox;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Projects incidents, decisions, fulfilment results, tolerance alerts and ledger checkpoints onto the public goodwill
 * stream, with a consumer group of its own so the ledger's pace and the stream's do not hold each other up.
 * The source event's id goes into the processed-event log in the same transaction as the public event goes into the
 * outbox, so a redelivered record publishes nothing twice; a record that is not a valid event is dead-lettered.
 */
@ApplicationScoped
public class PublicStreamProjector {

    /** The processed-event log's consumer name. */
    static final String CONSUMER = "audit-service.public-stream";

    private final ProcessedEventLog processed;
    private final Outbox outbox;

    public PublicStreamProjector(ProcessedEventLog processed, Outbox outbox) {
        this.processed = processed;
        this.outbox = outbox;
    }

    @Incoming("public-stream")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(ConsumerRecord<String, String> record) {
        processed.processOnce(CONSUMER, record.value(), internal -> PublicProjection.project(internal)
                .ifPresent(publicEvent -> outbox.publish(Topics.PUBLIC_STREAM, publicEvent)));
    }
}
