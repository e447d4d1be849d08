package com.goodwill.fulfillment.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.fulfillment.notification.CustomerMessages;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import com.goodwill.kit.validation.PayloadValidator;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Order events, for the contact book: whom to tell about an order, in which language. Only placements carry a
 * contact; the other events are recorded as processed and change nothing. A record that cannot be read, or breaks
 * its contract, is dead-lettered with the reason.
 */
@ApplicationScoped
public class OrderContactConsumer {

    static final String CONSUMER = "fulfillment-service.order-events";

    private final ProcessedEventLog processedEvents;
    private final PayloadValidator validator;
    private final CustomerMessages customerMessages;

    public OrderContactConsumer(ProcessedEventLog processedEvents, PayloadValidator validator,
                                CustomerMessages customerMessages) {
        this.processedEvents = processedEvents;
        this.validator = validator;
        this.customerMessages = customerMessages;
    }

    @Incoming("order-contacts")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope -> {
            OrderEvent event = validator.requireValid(EventCodec.dataAs(envelope, OrderEvent.class));
            if (event instanceof OrderPlaced placed) {
                customerMessages.orderPlaced(placed);
            }
        });
    }
}
