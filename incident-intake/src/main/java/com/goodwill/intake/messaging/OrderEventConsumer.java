package com.goodwill.intake.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.intake.tracking.ShipmentTracker;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Order events from the order topic (also those ingested over REST). A record that fails is dead-lettered. */
@ApplicationScoped
public class OrderEventConsumer {

    static final String CONSUMER = "incident-intake.order-events";

    private final ProcessedEventLog processedEvents;
    private final ShipmentTracker tracker;
    private final InputChecks checks;

    public OrderEventConsumer(ProcessedEventLog processedEvents, ShipmentTracker tracker, InputChecks checks) {
        this.processedEvents = processedEvents;
        this.tracker = tracker;
        this.checks = checks;
    }

    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        checks.counted(() -> processedEvents.processOnce(CONSUMER, record, envelope ->
                tracker.onOrderEvent(envelope.id(), checks.requirePlausible(EventCodec.dataAs(envelope, OrderEvent.class)))));
    }
}
