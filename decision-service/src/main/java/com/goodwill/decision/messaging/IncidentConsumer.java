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
import com.goodwill.decision.service.DecisionService;
import com.goodwill.decision.service.DecisionService.Pending;
import io.micrometer.core.instrument.DistributionSummary;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Incidents from incident-intake, a poll's worth at a time; each is decided once. A poll is split into pieces decided
 * side by side (messaging runs a blocking method on one thread at a time, whatever the number of consumers), each
 * piece in its records' order: one order's records, and one customer's incidents, share a piece. Independent incidents
 * of a piece are decided together in one transaction ({@link IncidentDecisions#decideTogether}); an incident that
 * cannot be (it shares its order or customer with an earlier one, or the batch failed) is decided on its own, with
 * retries. A record that is not a valid incident, or keeps failing on its own, is dead-lettered with its reason; its
 * neighbours are not.
 */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "decision-service.incidents";
    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);
    /** Tries of a run together when it keeps losing budget races, before its incidents are decided one at a time. */
    private static final int TOGETHER_ATTEMPTS = 3;
    /** The decision latency the service is held to (p99 inside the service): a histogram bucket ends exactly there. */
    static final Duration LATENCY_TARGET = Duration.ofMillis(20);

    /** One record of the poll with what it asks for, and when the service's Kafka consumer polled it ({@link PollStamp}). */
    record Parsed(KafkaRecord<String, String> record, Pending pending, long polled) {
    }

    private final IncidentDecisions decisions;
    private final EventMetrics events;
    private final int batchSize;
    private final int pieceCount;
    private final ExecutorService pieceWorkers;
    /** One incident record, from the consumer receiving its poll to the commit of the transaction that decided it. */
    private final Timer decisionTime;
    /**
     * One incident record, from the service's Kafka consumer returning it from a poll to that commit: adds the wait in
     * the connector's queue while the previous polls are decided.
     */
    private final Timer sincePolled;
    /** One incident record, from its producer's timestamp to that commit: adds the wait in the broker and the poll queue. */
    private final Timer sinceSent;
    /** Records per poll: small polls pay a transaction's fixed round trips for few decisions. */
    private final DistributionSummary pollSize;

    public IncidentConsumer(IncidentDecisions decisions, DecisionConfig config, MeterRegistry metrics, EventMetrics events) {
        this.decisions = decisions;
        this.events = events;
        this.batchSize = config.batchSize();
        this.pieceCount = Math.max(1, config.parallelPieces());
        this.pieceWorkers = Executors.newFixedThreadPool(pieceCount, runnable -> {
            Thread thread = new Thread(runnable, "incident-piece");
            thread.setDaemon(true);
            return thread;
        });
        // Beside the client-side percentiles (a window of minutes, what the dashboards read), cumulative histogram
        // buckets with one bound at exactly the 20 ms target: a scraper (the stack's benchmark, Prometheus) subtracts
        // two scrapes and gets the quantiles and the share within 20 ms of just the records in between.
        this.decisionTime = Timer.builder("goodwill.decision.duration")
                .description("Time from the consumer receiving an incident record to the commit that decided it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_TARGET)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
        this.sincePolled = Timer.builder("goodwill.decision.since-polled")
                .description("Time from the service's Kafka consumer polling an incident record to the commit that decided it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_TARGET)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(metrics);
        this.pollSize = DistributionSummary.builder("goodwill.decision.poll-size")
                .description("Incident records per poll of the incidents consumer")
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
        pollSize.record(batch.getRecords().size());
        List<CompletableFuture<Void>> deadLettered = new CopyOnWriteArrayList<>();
        List<List<Parsed>> pieces = pieces(batch.getRecords(), received, deadLettered);
        if (pieces.size() == 1) {
            decide(pieces.get(0), received, deadLettered);
        } else if (pieces.size() > 1) {
            // Pieces side by side, each its own transactions: a record waits for its piece, not for the whole poll.
            CompletableFuture.allOf(pieces.stream()
                    .map(piece -> CompletableFuture.runAsync(() -> decide(piece, received, deadLettered), pieceWorkers))
                    .toArray(CompletableFuture[]::new)).join();
        }
        // The poll is acknowledged only once its bad records are safely on the dead-letter topic.
        CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }

    /** The poll's valid records, split into pieces ({@link #pieces(List, int, Function, Function)}); invalid ones are dead-lettered. */
    private List<List<Parsed>> pieces(List<KafkaRecord<String, String>> records, long received,
                                      List<CompletableFuture<Void>> deadLettered) {
        List<Parsed> parsed = new ArrayList<>(records.size());
        for (KafkaRecord<String, String> record : records) {
            long polled = PollStamp.takeFrom(record.getHeaders(), received);
            try {
                // Each incident keeps the trace its record carries, also when decided together with others.
                parsed.add(new Parsed(record, parse(record.getPayload(), TraceContext.fromHeaders(record.getHeaders())),
                        polled));
            } catch (MalformedEventException e) {
                deadLettered.add(deadLetter(record, e));
            }
        }
        return pieces(parsed, pieceCount,
                one -> one.record().getKey() != null ? one.record().getKey()
                        : one.pending().incident().map(Incident::orderId).orElse(null),
                one -> one.pending().incident().map(i -> i.order().customerId()).orElse(null));
    }

    /**
     * Up to {@code count} pieces of about equal size, each in the records' order. All records of one order (one key)
     * and all incidents of one customer go into one piece, so they are decided in their order, each seeing what the
     * earlier ones wrote (the order's goodwill cap, the customer's claims). No order is ever in two pieces; a customer
     * only when one order's records name different customers: then the order's piece wins (Kafka keeps one key's
     * records in order, and so must the decisions).
     */
    static <T> List<List<T>> pieces(List<T> records, int count, Function<T, String> order, Function<T, String> customer) {
        List<List<T>> pieces = new ArrayList<>();
        Map<String, List<T>> pieceOf = new HashMap<>();
        for (T record : records) {
            String orderKey = "order:" + order.apply(record);
            String customerId = customer.apply(record);
            String customerKey = customerId == null ? null : "customer:" + customerId;
            List<T> piece = pieceOf.get(orderKey);
            if (piece == null && customerKey != null) {
                piece = pieceOf.get(customerKey);
            }
            if (piece == null && pieces.size() < count) {
                piece = new ArrayList<>();
                pieces.add(piece);
            } else if (piece == null) {
                piece = pieces.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
            }
            piece.add(record);
            pieceOf.putIfAbsent(orderKey, piece);
            if (customerKey != null) {
                pieceOf.putIfAbsent(customerKey, piece);
            }
        }
        return pieces;
    }

    /** The records of one piece, in their order. */
    private void decide(List<Parsed> parsed, long received, List<CompletableFuture<Void>> deadLettered) {
        int next = 0;
        while (next < parsed.size()) {
            List<Parsed> run = parsed.subList(next, Math.min(parsed.size(), next + batchSize));
            int done;
            try {
                done = decideTogether(run);
            } catch (RuntimeException e) {
                // A budget moved under the batch, a transient failure, or one bad incident: each on its own instead.
                LOG.infof("Deciding %d incidents together failed (%s); deciding them one at a time", run.size(), e.toString());
                for (Parsed one : run) {
                    decideAlone(one, deadLettered);
                    timeDecided(one, received, System.nanoTime());
                }
                next += run.size();
                continue;
            }
            long committed = System.nanoTime();
            for (int i = 0; i < done; i++) {
                timeDecided(run.get(i), received, committed);
            }
            if (done == 0) {
                // The first incident needs deciding on its own (an escalation, or it shares keys with the previous run).
                decideAlone(run.get(0), deadLettered);
                timeDecided(run.get(0), received, System.nanoTime());
                done = 1;
            }
            next += done;
        }
    }

    /**
     * A run that lost a budget race (another piece or instance reserved on the budget after the run read it) rolled
     * back whole; it is decided together again, reading the budget afresh, before its incidents go one at a time.
     */
    private int decideTogether(List<Parsed> run) {
        List<Pending> pending = run.stream().map(Parsed::pending).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                return decisions.decideTogether(pending);
            } catch (DecisionService.BudgetRaceLost e) {
                if (attempt == TOGETHER_ATTEMPTS) {
                    throw e;
                }
                LOG.infof("Deciding %d incidents together lost a budget race (%s); deciding them together again",
                        run.size(), e.getMessage());
            }
        }
    }

    private void timeDecided(Parsed one, long received, long committed) {
        decisionTime.record(committed - received, TimeUnit.NANOSECONDS);
        sincePolled.record(committed - one.polled(), TimeUnit.NANOSECONDS);
        if (one.record().getTimestamp() != null) {
            sinceSent.record(Math.max(0, System.currentTimeMillis() - one.record().getTimestamp().toEpochMilli()),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        pieceWorkers.shutdown();
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
