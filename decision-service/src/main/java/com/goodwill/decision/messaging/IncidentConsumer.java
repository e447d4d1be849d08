package com.goodwill.decision.messaging;

import com.goodwill.kit.metrics.EventMetrics;
import com.goodwill.kit.tracing.TraceContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.config.DecisionConfig;
import com.goodwill.decision.service.DecisionService.Pending;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Incidents from incident-intake, a poll's worth at a time; each is decided once. The poll's partitions are decided
 * side by side, each in its order (one consumer serves several partitions: messaging runs a blocking method on one
 * thread at a time, whatever the number of consumers). Independent incidents of a partition are decided together in one transaction ({@link IncidentDecisions#decideTogether}); an incident that cannot be (it
 * shares its order or customer with an earlier one, or the batch failed) is decided on its own, with retries. A record
 * that is not a valid incident, or keeps failing on its own, is dead-lettered with its reason; its neighbours are not.
 */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "decision-service.incidents";
    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);

    /** One record of the poll with what it asks for. */
    record Parsed(KafkaRecord<String, String> record, Pending pending) {
    }

    private final IncidentDecisions decisions;
    private final EventMetrics events;
    private final int batchSize;
    private final ExecutorService partitionWorkers;
    /** One incident record, from the consumer receiving its poll to the commit of the transaction that decided it. */
    private final Timer decisionTime;
    /** One incident record, from its producer's timestamp to that commit: adds the wait in the broker and the poll queue. */
    private final Timer sinceSent;

    public IncidentConsumer(IncidentDecisions decisions, DecisionConfig config, MeterRegistry metrics, EventMetrics events) {
        this.decisions = decisions;
        this.events = events;
        this.batchSize = config.batchSize();
        this.partitionWorkers = Executors.newFixedThreadPool(config.partitionWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "incident-partition");
            thread.setDaemon(true);
            return thread;
        });
        this.decisionTime = Timer.builder("goodwill.decision.duration")
                .description("Time from the consumer receiving an incident record to the commit that decided it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
        this.sinceSent = Timer.builder("goodwill.decision.since-sent")
                .description("Time from an incident record's producer timestamp to the commit that decided it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
    }

    @Incoming("incidents")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        long received = System.nanoTime();
        Map<String, List<KafkaRecord<String, String>>> byPartition = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            byPartition.computeIfAbsent(record.getTopic() + "-" + record.getPartition(), p -> new ArrayList<>()).add(record);
        }
        List<CompletableFuture<Void>> deadLettered = new CopyOnWriteArrayList<>();
        if (byPartition.size() == 1) {
            decide(batch.getRecords(), received, deadLettered);
        } else {
            // Partitions side by side, each in its own order: one order's incidents share a partition.
            CompletableFuture.allOf(byPartition.values().stream()
                    .map(records -> CompletableFuture.runAsync(() -> decide(records, received, deadLettered), partitionWorkers))
                    .toArray(CompletableFuture[]::new)).join();
        }
        // The poll is acknowledged only once its bad records are safely on the dead-letter topic.
        CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }

    /** The records of one partition, in their order. */
    private void decide(List<KafkaRecord<String, String>> records, long received, List<CompletableFuture<Void>> deadLettered) {
        List<Parsed> parsed = new ArrayList<>();
        for (KafkaRecord<String, String> record : records) {
            try {
                // Each incident keeps the trace its record carries, also when decided together with others.
                parsed.add(new Parsed(record, parse(record.getPayload(), TraceContext.fromHeaders(record.getHeaders()))));
            } catch (MalformedEventException e) {
                deadLettered.add(deadLetter(record, e));
            }
        }
        int next = 0;
        while (next < parsed.size()) {
            List<Parsed> run = parsed.subList(next, Math.min(parsed.size(), next + batchSize));
            int done;
            try {
                done = decisions.decideTogether(run.stream().map(Parsed::pending).toList());
            } catch (RuntimeException e) {
                // A budget moved under the batch, a transient failure, or one bad incident: each on its own instead.
                LOG.infof("Deciding %d incidents together failed (%s); deciding them one at a time", run.size(), e.toString());
                for (Parsed one : run) {
                    decideAlone(one, deadLettered);
                    timeDecided(one, System.nanoTime() - received);
                }
                next += run.size();
                continue;
            }
            long elapsed = System.nanoTime() - received;
            for (int i = 0; i < done; i++) {
                timeDecided(run.get(i), elapsed);
            }
            if (done == 0) {
                // The first incident needs deciding on its own (an escalation, or it shares keys with the previous run).
                decideAlone(run.get(0), deadLettered);
                timeDecided(run.get(0), System.nanoTime() - received);
                done = 1;
            }
            next += done;
        }
    }

    private void timeDecided(Parsed one, long nanosSinceReceived) {
        decisionTime.record(nanosSinceReceived, TimeUnit.NANOSECONDS);
        if (one.record().getTimestamp() != null) {
            sinceSent.record(Math.max(0, System.currentTimeMillis() - one.record().getTimestamp().toEpochMilli()),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        partitionWorkers.shutdown();
    }

    private void decideAlone(Parsed one, List<CompletableFuture<Void>> deadLettered) {
        try (Scope ignored = one.pending().trace().asParentIn(Context.root()).makeCurrent()) {
            decisions.decideAlone(one.record().getPayload());
        } catch (RuntimeException e) {
            deadLettered.add(deadLetter(one.record(), e));
        }
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, Throwable reason) {
        events.deadLettered("incidents", record.getTopic(), reason);
        LOG.warnf("Incident record with key %s on %s-%d is dead-lettered: %s", record.getKey(), record.getTopic(),
                record.getPartition(), reason.getMessage());
        return record.nack(reason).toCompletableFuture();
    }

    /** @throws MalformedEventException when the record is not a valid incident event */
    static Pending parse(String record) {
        return parse(record, TraceContext.current());
    }

    static Pending parse(String record, TraceContext trace) {
        EventEnvelope envelope = EventCodec.parse(record);
        return new Pending(envelope, IncidentPayload.toDecide(EventCodec.dataAs(envelope, Incident.class)), trace);
    }
}
