package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.decision.persistence.CustomerProfiles;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import com.goodwill.kit.validation.PayloadValidator;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Order events, for the customer profiles decisions read (orders, spend, returns, shared addresses and payment
 * instruments). A record that cannot be read, or breaks its contract, is dead-lettered with the reason.
 */
@ApplicationScoped
public class OrderEventConsumer {

    static final String CONSUMER = "decision-service.order-events";

    private final ProcessedEventLog processedEvents;
    private final PayloadValidator validator;
    private final CustomerProfiles profiles;

    public OrderEventConsumer(ProcessedEventLog processedEvents, PayloadValidator validator, CustomerProfiles profiles) {
        this.processedEvents = processedEvents;
        this.validator = validator;
        this.profiles = profiles;
    }

    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                profiles.apply(envelope.id(), validator.requireValid(EventCodec.dataAs(envelope, OrderEvent.class))));
    }
}
