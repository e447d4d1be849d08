package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.service.DecisionService;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
import com.goodwill.contracts.envelope.MalformedEventException;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/** Incidents from incident-intake; each is decided once. A record that fails is dead-lettered. */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "decision-service.incidents";

    private final ProcessedEventLog processedEvents;
    private final DecisionService decisions;
    /** One incident record, from parsing to commit: reads, engine, budget reservation, writes, outbox. */
    private final Timer decisionTime;

    public IncidentConsumer(ProcessedEventLog processedEvents, DecisionService decisions, MeterRegistry metrics) {
        this.processedEvents = processedEvents;
        this.decisions = decisions;
        this.decisionTime = Timer.builder("goodwill.decision.duration")
                .description("Time to decide one incident record inside the service, commit included")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
    }

    @Incoming("incidents")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        decisionTime.record(() -> processedEvents.processOnce(CONSUMER, record, envelope ->
                IncidentPayload.toDecide(EventCodec.dataAs(envelope, Incident.class))
                        .ifPresent(incident -> decisions.decide(envelope, incident))));
    }
}
