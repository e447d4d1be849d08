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
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Carrier events from the carrier topic: canonical events (also those ingested over REST) and payloads in a
 * carrier's own shape, mapped here by the same adapters the REST endpoint uses.
 */
@ApplicationScoped
public class CarrierEventConsumer {

    static final String CONSUMER = "incident-intake.carrier-events";

    private final ProcessedEventLog processedEvents;
    private final ShipmentTracker tracker;
    private final InputChecks checks;

    public CarrierEventConsumer(ProcessedEventLog processedEvents, ShipmentTracker tracker, InputChecks checks) {
        this.processedEvents = processedEvents;
        this.tracker = tracker;
        this.checks = checks;
    }

    @Incoming("carrier-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        checks.counted(() -> processedEvents.processOnce(CONSUMER, record, envelope -> {
            for (CarrierEvent event : eventsOf(envelope)) {
                tracker.onCarrierEvent(envelope.id(), checks.requirePlausible(event));
            }
        }));
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
