package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.service.DecisionService;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
import com.goodwill.contracts.envelope.MalformedEventException;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Incidents from incident-intake; each is decided once. A record that fails is dead-lettered. */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "decision-service.incidents";

    private final ProcessedEventLog processedEvents;
    private final DecisionService decisions;

    public IncidentConsumer(ProcessedEventLog processedEvents, DecisionService decisions) {
        this.processedEvents = processedEvents;
        this.decisions = decisions;
    }

    @Incoming("incidents")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                IncidentPayload.toDecide(EventCodec.dataAs(envelope, Incident.class))
                        .ifPresent(incident -> decisions.decide(envelope, incident)));
    }
}
