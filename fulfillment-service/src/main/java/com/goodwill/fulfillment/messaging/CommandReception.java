package com.goodwill.fulfillment.messaging;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.fulfillment.service.CommandExecutions;
import com.goodwill.fulfillment.service.CommandExecutions.Received;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The transactions of the command consumer: a poll's commands at once, or one command with retries. */
@ApplicationScoped
public class CommandReception {

    private final ProcessedEventLog processedEvents;
    private final CommandExecutions executions;

    public CommandReception(ProcessedEventLog processedEvents, CommandExecutions executions) {
        this.processedEvents = processedEvents;
        this.executions = executions;
    }

    /** Receives the commands in one transaction with their processed-event records; events seen before are skipped. */
    @Transactional
    public void receiveTogether(List<Received> commands) {
        Set<String> before = processedEvents.processedBefore(CommandConsumer.CONSUMER,
                commands.stream().map(r -> r.cause().id()).toList());
        Set<String> taken = new HashSet<>(before);
        List<Received> fresh = new ArrayList<>(commands.size());
        for (Received received : commands) {
            // An event delivered twice in one poll counts once.
            if (taken.add(received.cause().id())) {
                fresh.add(received);
            }
        }
        processedEvents.markAllProcessed(CommandConsumer.CONSUMER, fresh.stream().map(r -> r.cause().id()).toList());
        executions.receiveAll(fresh);
    }

    /** One command in a transaction of its own; a failure that is not the record's fault is retried with backoff. */
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void receiveAlone(String record) {
        processedEvents.processOnce(CommandConsumer.CONSUMER, record, envelope ->
                executions.receive(envelope, CommandConsumer.require(EventCodec.dataAs(envelope, CompensationRequested.class))));
    }
}
