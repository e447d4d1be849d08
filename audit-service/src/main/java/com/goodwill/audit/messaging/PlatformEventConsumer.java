package com.goodwill.audit.messaging;

import com.goodwill.audit.ledger.Ledger;
import io.smallrye.reactive.messaging.annotations.Blocking;
import com.goodwill.contracts.envelope.MalformedEventException;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every platform topic into the ledger. A record that is not a platform event is dead-lettered. */
@ApplicationScoped
public class PlatformEventConsumer {

    private final Ledger ledger;

    public PlatformEventConsumer(Ledger ledger) {
        this.ledger = ledger;
    }

    @Incoming("platform-events")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(ConsumerRecord<String, String> record) {
        ledger.append(record.topic(), record.partition(), record.offset(), record.value());
    }
}
