package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.IncidentDetected;
import com.goodwill.decision.service.DecisionService;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
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
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                decisions.decide(envelope, IncidentPayload.require(EventCodec.dataAs(envelope, IncidentDetected.class))));
    }
}
