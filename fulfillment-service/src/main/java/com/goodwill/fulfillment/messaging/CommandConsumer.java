package com.goodwill.fulfillment.messaging;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.fulfillment.service.CommandExecutions;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Compensation commands from decision-service. A command that cannot be read is dead-lettered with the reason.
 * Commands are independent of each other, so several are received at once (unordered); receiving only stores the
 * command and its first steps, the calls to outside systems run afterwards on the execution pool.
 */
@ApplicationScoped
public class CommandConsumer {

    static final String CONSUMER = "fulfillment-service.commands";

    private final ProcessedEventLog processedEvents;
    private final CommandExecutions executions;

    public CommandConsumer(ProcessedEventLog processedEvents, CommandExecutions executions) {
        this.processedEvents = processedEvents;
        this.executions = executions;
    }

    @Incoming("compensation-commands")
    @Blocking(ordered = false)
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                executions.receive(envelope, require(EventCodec.dataAs(envelope, CompensationRequested.class))));
    }

    private static CompensationRequested require(CompensationRequested command) {
        if (command.commandId() == null || command.idempotencyKey() == null || command.instrument() == null
                || command.customerId() == null || command.orderId() == null || command.amount() == null
                || command.amount().amountMinor() == null || command.amount().currency() == null
                || command.decisionId() == null || command.incidentId() == null) {
            throw new MalformedEventException("command needs commandId, decisionId, incidentId, idempotencyKey, "
                    + "instrument, customerId, orderId and amount");
        }
        if (command.amount().amountMinor() < 0) {
            throw new MalformedEventException("command " + command.commandId() + " has a negative amount");
        }
        if (command.validForDays() != null && command.validForDays() <= 0) {
            throw new MalformedEventException("command " + command.commandId() + " has validForDays " + command.validForDays());
        }
        requireRemedies(command, "fallbacks", command.fallbacks());
        requireRemedies(command, "alternatives", command.alternatives());
        return command;
    }

    private static void requireRemedies(CompensationRequested command, String field, List<Remedy> remedies) {
        if (remedies == null) {
            return;
        }
        for (int i = 0; i < remedies.size(); i++) {
            Remedy r = remedies.get(i);
            if (r == null || r.instrument() == null || r.amount() == null || r.amount().amountMinor() == null
                    || r.amount().amountMinor() < 0 || r.amount().currency() == null) {
                throw new MalformedEventException("command " + command.commandId() + ": " + field + "[" + i
                        + "] needs an instrument and a non-negative amount");
            }
        }
    }
}
