package com.goodwill.fulfillment.messaging;

import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.fulfillment.service.CommandExecutions.Received;
import com.goodwill.kit.metrics.EventMetrics;
import com.goodwill.kit.tracing.RecordSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Compensation commands from decision-service, a poll's worth at a time. A command that cannot be read is
 * dead-lettered with the reason, its neighbours are not. The others are received together in one transaction
 * ({@link CommandReception#receiveTogether}): receiving only stores the commands and their first steps, the calls to
 * outside systems run afterwards on the execution pool. When the poll cannot be received together, each command is
 * received on its own, with retries, and one that keeps failing is dead-lettered.
 */
@ApplicationScoped
public class CommandConsumer {

    static final String CONSUMER = "fulfillment-service.commands";
    private static final String CHANNEL = "compensation-commands";
    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    /** One record of the poll with the command it carries. */
    private record Parsed(KafkaRecord<String, String> record, Span span, Received received) {
    }

    private final CommandReception reception;
    private final EventMetrics events;
    private final RecordSpans recordSpans;

    public CommandConsumer(CommandReception reception, EventMetrics events, RecordSpans recordSpans) {
        this.reception = reception;
        this.events = events;
        this.recordSpans = recordSpans;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try {
            for (KafkaRecord<String, String> record : batch.getRecords()) {
                // Each command continues the trace its record carries, under a consumer span of its own, also when
                // received together with others: its steps' events and its execution are children of that span.
                Span span = consumerSpan(record);
                spans.add(span);
                Context trace = Context.root().with(span);
                try {
                    EventEnvelope envelope = EventCodec.parse(record.getPayload());
                    CompensationRequested command = require(EventCodec.dataAs(envelope, CompensationRequested.class));
                    parsed.add(new Parsed(record, span, new Received(envelope, command, trace)));
                } catch (MalformedEventException e) {
                    deadLettered.add(deadLetter(record, span, e));
                }
            }
            if (!parsed.isEmpty()) {
                try {
                    reception.receiveTogether(parsed.stream().map(Parsed::received).toList());
                } catch (RuntimeException e) {
                    LOG.infof("Receiving %d commands together failed (%s); receiving them one at a time", parsed.size(),
                            e.toString());
                    for (Parsed one : parsed) {
                        try (Scope ignored = one.received().trace().makeCurrent()) {
                            reception.receiveAlone(one.record().getPayload());
                        } catch (RuntimeException failure) {
                            deadLettered.add(deadLetter(one.record(), one.span(), failure));
                        }
                    }
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
        // The poll is acknowledged only once its bad records are safely on the dead-letter topic.
        CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }

    /** A consumer span for the record, whose parent is the record's traceparent header (the relay's publish span). */
    private Span consumerSpan(KafkaRecord<String, String> record) {
        return recordSpans.start(record.getTopic(), record.getPartition(), record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L), record.getHeaders());
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, Span span, Throwable reason) {
        span.recordException(reason).setStatus(StatusCode.ERROR);
        events.deadLettered(CHANNEL, record.getTopic(), reason);
        LOG.warnf("Command record with key %s on %s-%d is dead-lettered: %s", record.getKey(), record.getTopic(),
                record.getPartition(), reason.getMessage());
        return record.nack(reason).toCompletableFuture();
    }

    static CompensationRequested require(CompensationRequested command) {
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
