package com.goodwill.kit.deadletter;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends through an emitter and completes when the broker has the record (or fails when it refuses it). */
public final class BrokerAcks {

    private BrokerAcks() {
    }

    public static CompletionStage<Void> send(Emitter<String> emitter, Message<String> message) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(message
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
