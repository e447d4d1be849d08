package com.goodwill.decision.messaging;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.service.DecisionService;
import com.goodwill.decision.service.DecisionService.Pending;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The transactions of the incident consumer: several incidents at once, or one with retries. */
@ApplicationScoped
public class IncidentDecisions {

    private final ProcessedEventLog processedEvents;
    private final DecisionService decisions;

    public IncidentDecisions(ProcessedEventLog processedEvents, DecisionService decisions) {
        this.processedEvents = processedEvents;
        this.decisions = decisions;
    }

    /**
     * Decides the run's incidents from the first on, together, in one transaction with their processed-event records;
     * events processed before are skipped.
     *
     * @return how many records of the run, from the first, are done; 0 when the first must be decided on its own
     */
    @Transactional
    public int decideTogether(List<Pending> run) {
        Set<String> before = processedEvents.processedBefore(IncidentConsumer.CONSUMER,
                run.stream().map(p -> p.cause().id()).toList());
        List<Pending> fresh = new ArrayList<>(run.size());
        for (Pending pending : run) {
            if (!before.contains(pending.cause().id())) {
                fresh.add(pending);
            }
        }
        // Recorded before the budgets are reserved: a budget's row stays locked from its reservation to the commit.
        int freshDone = decisions.decideAll(fresh, done -> processedEvents.markAllProcessed(IncidentConsumer.CONSUMER,
                fresh.subList(0, done).stream().map(p -> p.cause().id()).toList()));
        // Done: every record up to the first fresh one not decided (records seen before are done where they stand).
        int done = 0;
        int freshSeen = 0;
        for (Pending pending : run) {
            if (!before.contains(pending.cause().id())) {
                if (freshSeen == freshDone) {
                    break;
                }
                freshSeen++;
            }
            done++;
        }
        return done;
    }

    /** One incident in a transaction of its own; a failure that is not the record's fault is retried with backoff. */
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void decideAlone(String record) {
        processedEvents.processOnce(IncidentConsumer.CONSUMER, record, envelope ->
                IncidentPayload.toDecide(EventCodec.dataAs(envelope, Incident.class))
                        .ifPresent(incident -> decisions.decide(envelope, incident)));
    }
}
