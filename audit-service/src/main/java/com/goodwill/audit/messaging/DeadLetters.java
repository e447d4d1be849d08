package com.goodwill.audit.messaging;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.kit.deadletter.DeadLetterRecords;
import com.goodwill.kit.metrics.EventMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Dead-letters one record of a ledger batch that cannot be appended; its neighbours are appended. Should the broker
 * not take it, the batch is retried, and its appended neighbours append nothing again.
 */
@ApplicationScoped
class DeadLetters {

    private final Emitter<String> deadLetters;
    private final EventMetrics events;

    DeadLetters(@Channel("dead-letters") Emitter<String> deadLetters, EventMetrics events) {
        this.deadLetters = deadLetters;
        this.events = events;
    }

    void send(ConsumerRecord<String, String> record, String reason) {
        DeadLetterRecords.send(deadLetters, record, reason, MalformedEventException.class.getName());
        events.deadLettered("platform-events", record.topic(), new MalformedEventException(reason));
    }
}
