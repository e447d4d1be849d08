package com.goodwill.fulfillment.messaging;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.fulfillment.execution.CompensationExecutor;
import com.goodwill.kit.messagelog.ProcessedEventLog;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Compensation commands from decision-service. A command that cannot be read is dead-lettered. */
@ApplicationScoped
public class CommandConsumer {

    static final String CONSUMER = "fulfillment-service.commands";

    private final ProcessedEventLog processedEvents;
    private final CompensationExecutor executor;

    public CommandConsumer(ProcessedEventLog processedEvents, CompensationExecutor executor) {
        this.processedEvents = processedEvents;
        this.executor = executor;
    }

    @Incoming("compensation-commands")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(String record) {
        processedEvents.processOnce(CONSUMER, record, envelope ->
                executor.execute(envelope, require(EventCodec.dataAs(envelope, CompensationRequested.class))));
    }

    private static CompensationRequested require(CompensationRequested command) {
        if (command.commandId() == null || command.idempotencyKey() == null || command.instrument() == null
                || command.customerId() == null || command.orderId() == null || command.amount() == null
                || command.amount().amountMinor() == null || command.amount().currency() == null) {
            throw new MalformedEventException("command needs commandId, idempotencyKey, instrument, customerId, orderId and amount");
        }
        if (command.amount().amountMinor() < 0) {
            throw new MalformedEventException("command " + command.commandId() + " has a negative amount");
        }
        return command;
    }
}
