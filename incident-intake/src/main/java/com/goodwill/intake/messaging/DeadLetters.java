package com.goodwill.intake.messaging;

import com.goodwill.intake.input.RejectedInputs;
import com.goodwill.kit.deadletter.DeadLetterRecords;
import com.goodwill.kit.metrics.EventMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Dead-letters one record of a carrier batch (the others go on) and counts it as a rejected input. */
@ApplicationScoped
class DeadLetters {

    private final Emitter<String> deadLetters;
    private final RejectedInputs rejections;
    private final EventMetrics events;

    DeadLetters(@Channel("dead-letters") Emitter<String> deadLetters, RejectedInputs rejections, EventMetrics events) {
        this.deadLetters = deadLetters;
        this.rejections = rejections;
        this.events = events;
    }

    void send(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        DeadLetterRecords.send(deadLetters, record, String.valueOf(reason.getMessage()), reason.getClass().getName());
        rejections.count("kafka", RejectedInputs.Reason.MALFORMED_RECORD);
        events.deadLettered(channel, record.topic(), reason);
    }
}
