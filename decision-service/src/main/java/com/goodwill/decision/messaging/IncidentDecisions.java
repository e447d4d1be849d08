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
import java.util.HashSet;
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
     * events processed before are skipped. The records are marked processed first, in the same statement that tells
     * which were processed before (one round trip fewer than a check and a later record); the marks of records the run
     * ends up not deciding are taken back before any budget is reserved.
     *
     * @return how many records of the run, from the first, are done; 0 when the first must be decided on its own
     */
    @Transactional
    public int decideTogether(List<Pending> run) {
        Set<String> unmarked = new HashSet<>(processedEvents.markAllNew(IncidentConsumer.CONSUMER,
                run.stream().map(p -> p.cause().id()).toList()));
        // fresh[i]: the run's i-th record is one this transaction marked (an event given twice: its first record only).
        boolean[] fresh = new boolean[run.size()];
        List<Pending> toDecide = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            fresh[i] = unmarked.remove(run.get(i).cause().id());
            if (fresh[i]) {
                toDecide.add(run.get(i));
            }
        }
        // Taken back before the budgets are reserved: a budget's row stays locked from its reservation to the commit.
        int freshDone = decisions.decideAll(toDecide, done -> processedEvents.forget(IncidentConsumer.CONSUMER,
                toDecide.subList(done, toDecide.size()).stream().map(p -> p.cause().id()).toList()));
        // Done: every record up to the first fresh one not decided (records seen before are done where they stand).
        int done = 0;
        int freshSeen = 0;
        for (int i = 0; i < run.size(); i++) {
            if (fresh[i]) {
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
