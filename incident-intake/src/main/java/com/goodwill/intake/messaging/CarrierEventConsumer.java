package com.goodwill.intake.messaging;

import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.intake.tracking.ShipmentTracker;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import com.goodwill.kit.validation.PayloadValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import com.goodwill.contracts.envelope.MalformedEventException;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Canonical carrier events from the carrier topic (also those ingested over REST). */
@ApplicationScoped
public class CarrierEventConsumer {

    static final String CONSUMER = "incident-intake.carrier-events";

    private final ProcessedEventLog processedEvents;
    private final ShipmentTracker tracker;
    private final PayloadValidator validator;

    public CarrierEventConsumer(ProcessedEventLog processedEvents, ShipmentTracker tracker, PayloadValidator validator) {
        this.processedEvents = processedEvents;
        this.tracker = tracker;
        this.validator = validator;
    }

    @Incoming("carrier-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                tracker.onCarrierEvent(envelope, validator.requireValid(EventCodec.dataAs(envelope, CarrierEvent.class))));
    }
}
