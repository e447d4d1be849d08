package com.goodwill.intake.messaging;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.CarrierPayload;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.intake.carrier.CarrierFormat;
import com.goodwill.intake.carrier.CarrierFormats;
import com.goodwill.intake.carrier.CarrierPayloadException;
import com.goodwill.intake.tracking.ShipmentTracker;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import com.goodwill.kit.tracing.RecordSpans;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Carrier events from the carrier topic: canonical events (also those ingested over REST) and payloads in a
 * carrier's own shape, mapped here by the same adapters the REST endpoint uses.
 * <p>
 * Carrier scans are the platform's largest stream, so they are taken a poll's batch at a time and applied in
 * one transaction: one commit per batch instead of one per scan. If the batch fails, its records are applied
 * one by one, so that a record that cannot be read is dead-lettered on its own and the others go through; a
 * failure that is not a record's fault (database, broker) retries the batch, and the processed-event log makes
 * the records already applied no-ops.
 */
@ApplicationScoped
public class CarrierEventConsumer {

    static final String CONSUMER = "incident-intake.carrier-events";
    static final String CHANNEL = "carrier-events";
    private static final Logger LOG = Logger.getLogger(CarrierEventConsumer.class);

    private final ProcessedEventLog processedEvents;
    private final ShipmentTracker tracker;
    private final InputChecks checks;
    private final DeadLetters deadLetters;
    private final EntityManager entityManager;
    private final RecordSpans spans;

    public CarrierEventConsumer(ProcessedEventLog processedEvents, ShipmentTracker tracker, InputChecks checks,
                                DeadLetters deadLetters, EntityManager entityManager, RecordSpans spans) {
        this.processedEvents = processedEvents;
        this.tracker = tracker;
        this.checks = checks;
        this.deadLetters = deadLetters;
        this.entityManager = entityManager;
        this.spans = spans;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(ConsumerRecords<String, String> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (ConsumerRecord<String, String> record : batch) {
                    // Each record continues its own producer's trace: an incident it opens belongs to that trace.
                    spans.process(record, () -> apply(record.value()));
                    // Keep the persistence context to one record: flushing a growing one costs quadratic time.
                    entityManager.flush();
                    entityManager.clear();
                }
            });
            return;
        } catch (RuntimeException failure) {
            LOG.debugf(failure, "A batch of %d carrier records failed; applying them one by one", batch.count());
        }
        for (ConsumerRecord<String, String> record : batch) {
            try {
                spans.process(record, () -> QuarkusTransaction.requiringNew().run(() -> apply(record.value())));
            } catch (MalformedEventException malformed) {
                LOG.warnf("Carrier record %s/%d@%d dead-lettered: %s", record.topic(), record.partition(), record.offset(),
                        malformed.getMessage());
                deadLetters.send(CHANNEL, record, malformed);
            }
        }
    }

    private void apply(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope -> {
            for (CarrierEvent event : eventsOf(envelope)) {
                tracker.onCarrierEvent(envelope.id(), checks.requirePlausible(event));
            }
        });
    }

    private List<CarrierEvent> eventsOf(EventEnvelope envelope) {
        if (EventTypes.CARRIER_PAYLOAD.equals(envelope.type())) {
            CarrierPayload raw = EventCodec.dataAs(envelope, CarrierPayload.class);
            CarrierFormat format = CarrierFormats.byName(raw.format()).orElseThrow(() -> new MalformedEventException(
                    "unknown carrier format '" + raw.format() + "'; known formats: " + CarrierFormats.names()));
            try {
                return format.adapt(raw.payload());
            } catch (CarrierPayloadException e) {
                throw new MalformedEventException(raw.format() + " payload: " + e.field() + ": " + e.getMessage());
            }
        }
        return List.of(EventCodec.dataAs(envelope, CarrierEvent.class));
    }
}
