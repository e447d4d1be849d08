package com.goodwill.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.persistence.PolicyVersionEntity;
import com.goodwill.decision.policy.GoodwillEngine;
import com.goodwill.decision.policy.PolicyDocument;
import com.goodwill.decision.service.PolicyService;
import com.goodwill.testsupport.PacedProducer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Decisions per second and decision latency inside the service, with budget enforcement (every decision reserves on
 * the budget ledger in PostgreSQL), over the real broker and database. Prints figures; asserts nothing about them
 * (timing goals belong in a benchmark, not a test). Off unless asked for:
 * <pre>
 * ./mvnw -B -ntp -pl decision-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=DecisionBenchmark -Dgoodwill.bench=true [-Dgoodwill.bench.incidents=5000] [-Dgoodwill.decision.batch-size=100] \
 *     [-Dgoodwill.bench.rate=2000] [-Dgoodwill.bench.paced.incidents=20000]
 * </pre>
 * Latency is from the consumer receiving a poll to the commit of the transaction that decided the record, so it
 * includes waiting for the rest of the record's batch: smaller batches trade throughput for latency. Beside it the
 * latency from the service's Kafka consumer polling the record (it adds the wait in the connector's queue behind the
 * polls before) and from the record's send. With {@code -Dgoodwill.bench=true} the test JVM compiles with C1 alone
 * (decision-service's {@code decision-benchmark} profile; {@code -Dgoodwill.bench.jvm=-XX:+TieredCompilation} for the
 * default JIT). The measured round
 * sends all its incidents at once (the service saturated: a record mostly waits for a core); a paced round after it
 * offers incidents at a fixed rate ({@code goodwill.bench.rate}, by default half the measured round's; 0 skips it) and
 * prints the same latency for a service that keeps up.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "goodwill.bench", matches = "true")
class DecisionBenchmark {

    @Inject
    EntityManager entityManager;
    @Inject
    PolicyService policies;

    @Test
    void decisionsPerSecondAndLatency() {
        int incidents = Integer.getInteger("goodwill.bench.incidents", 5_000);
        System.out.printf("%ndecision-service benchmark (%d cores, %d incidents, polls of up to %d decided in up to %d pieces"
                        + " side by side; JVM options %s; load average %s)%n", Runtime.getRuntime().availableProcessors(),
                incidents, ConfigProvider.getConfig().getValue("goodwill.decision.batch-size", Integer.class),
                ConfigProvider.getConfig().getValue("goodwill.decision.parallel-pieces", Integer.class),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX")).toList(),
                loadAverage());
        System.out.printf("  %s%n", activateBenchmarkPolicy());
        engineAlone(incidents * 4);
        int warmUp = Integer.getInteger("goodwill.bench.warmup", 5_000);
        if (warmUp > 0) {
            // A running service has its hot path compiled; a fresh test JVM has not. The first round pays for the JIT
            // compiler (its figures are printed, for comparison); the second is the service's steady state.
            System.out.printf("  warm-up round (a fresh JVM: includes compiling the hot path), load average %s%n", loadAverage());
            inTheService(warmUp, 0);
            System.out.printf("  measured round, load average %s%n", loadAverage());
        }
        double saturated = inTheService(incidents, 0);
        // At saturation (every incident sent at once) a record's latency is mostly waiting for a core behind the
        // records before it. Offered at a fixed rate the service keeps up with, it is the record's own piece's time.
        // Unless given, the rate is half of what the service just managed, so that it keeps up whatever the load.
        int rate = Integer.getInteger("goodwill.bench.rate", Math.max(100, (int) (saturated / 2 / 100) * 100));
        if (rate > 0) {
            int paced = Integer.getInteger("goodwill.bench.paced.incidents", rate * 10);
            System.out.printf("  paced round: %d incidents offered at %,d/s, load average %s%n", paced, rate, loadAverage());
            inTheService(paced, rate);
        }
        System.out.printf("  load average after the run: %s%n", loadAverage());
    }

    /** The largest amount the policy schema allows ("Minor" maximum). */
    private static final long BUDGET_MINOR = 100_000_000L;

    /**
     * The shipped sample policy with every budget's base limit at the schema's maximum (1,000,000.00 per currency),
     * created as a version and activated for DE: with the sample's own budgets (50,000.00 EUR a month) about 4,000
     * decisions of a round reserved and the rest took the exhausted-budget path, which reserves nothing. Here a
     * decision grants at most 20.00 EUR (the delay playbook's store credit cap), so a round of up to 50,000 incidents
     * reserves on every decision; each round prints how many did.
     */
    private String activateBenchmarkPolicy() {
        try {
            String sampleVersion = QuarkusTransaction.requiringNew().call(() -> policies.activeFor("DE").orElseThrow().version());
            String sample = QuarkusTransaction.requiringNew().call(() ->
                    PolicyVersionEntity.<PolicyVersionEntity>findById(sampleVersion).document);
            ObjectNode document = (ObjectNode) EventCodec.mapper().readTree(sample);
            document.put("description", "Benchmark policy: the sample with every budget at the schema's maximum.");
            for (JsonNode budget : document.withArray("budgets")) {
                ObjectNode limits = (ObjectNode) budget.get("baseMinor");
                List<String> currencies = new ArrayList<>();
                limits.fieldNames().forEachRemaining(currencies::add);
                currencies.forEach(currency -> limits.put(currency, BUDGET_MINOR));
            }
            String version = policies.create(EventCodec.mapper().writeValueAsString(document), "decision-benchmark").version;
            policies.activate(version, "DE", "decision-benchmark");
            return String.format("benchmark policy %s (sample %s with every budget at %,d.00 per currency) active for DE",
                    version, sampleVersion, BUDGET_MINOR / 100);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sample policy is not JSON", e);
        }
    }

    /** The machine is shared: every figure is printed with the load it was measured under. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The policy engine alone, in plain Java, on the shipped sample policy: the ceiling the service works under. */
    private void engineAlone(int decisions) {
        PolicyDocument sample = QuarkusTransaction.requiringNew().call(() -> policies.activeFor("DE").orElseThrow().document());
        GoodwillEngine engine = new GoodwillEngine(sample, sample.rulesFor("DE").orElseThrow());
        GoodwillEngine.BudgetBook book = GoodwillEngine.BudgetBook.FRESH;
        Instant now = Instant.now();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            long t0 = System.nanoTime();
            for (int i = 0; i < decisions; i++) {
                Incident incident = Flows.delay("bench-engine-" + i, "c-" + i, 1, 6 + i % 90, "DE", Money.of(5_000 + i % 50_000, "EUR"));
                engine.decide(new GoodwillEngine.Case(incident, CustomerFigures.unknown("c-" + i, "EUR"),
                        RiskSignals.none("card"), GoodwillEngine.History.NONE, now, Set.of()), book);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (round == 1) {
                System.out.printf("  engine alone (plain Java, one thread): %d decisions in %.2f s = %.0f decisions/s%n",
                        decisions, seconds, decisions / seconds);
            }
        }
    }

    /** @param ratePerSecond the pace the incidents are offered at; 0: all at once */
    private double inTheService(int count, int ratePerSecond) {
        // Each round in a month of its own, so its decisions find the month's budgets as fresh as the first round did
        // (the benchmark policy's budgets hold a round, not every round together).
        TestClock.CLOCK.advance(Duration.ofDays(32));
        String run = Long.toString(System.nanoTime(), 36);
        // The service's latency timers keep a window of minutes: a registry of this round's own, added to the global
        // composite the service's timers record into, sees this round's records only.
        SimpleMeterRegistry round = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(round);
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String orderId = "bench-" + run + "-" + i;
            Incident incident = Flows.delay(orderId, "bench-cust-" + run + "-" + i, 1, 8 + i % 60, "DE",
                    Money.of(5_000 + (i * 37L) % 40_000, "EUR"));
            EventEnvelope event = EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake", orderId,
                    incident.detectedAt(), incident.incidentId(), null, incident);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INCIDENTS, orderId, EventCodec.toJson(event));
            record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        long backendPid = QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("select pg_backend_pid()").getSingleResult()).longValue());
        CpuUse cpuBefore = CpuUse.now(backendPid);
        long t0 = System.nanoTime();
        double[] sent = {0};
        // Paced, the sending takes the round's whole length: it runs beside the wait for the decisions, so that the
        // first decision is seen when it is made. All at once, the sending comes first, as it always did.
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            PacedProducer.send(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                    "decision-benchmark", records, ratePerSecond);
            sent[0] = (System.nanoTime() - t0) / 1e9;
        });
        if (ratePerSecond == 0) {
            sending.join();
        }
        // The service's own pace: wall-clock time from its first decision of this run to its last (the service's
        // clock is a test clock that stands still, so the decisions' own times cannot tell).
        long[] firstSeen = {0};
        // Counted by the service's own latency timer (every record it is done with), not by counting rows: a count(*)
        // every few milliseconds would scan the decision table and bill the database's share for it.
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            Timer decidedSoFar = round.find("goodwill.decision.duration").timer();
            long decided = decidedSoFar == null ? 0 : decidedSoFar.count();
            if (decided > 0 && firstSeen[0] == 0) {
                firstSeen[0] = System.nanoTime();
            }
            return decided >= count;
        });
        long done = System.nanoTime();
        sending.join();
        // The decisions' events and commands leave through the outbox after the commit: their publishing is part of
        // what a decision costs, so the CPU time is taken once the outbox is empty.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery("select count(*) from outbox_event").getSingleResult())
                        .longValue() == 0));
        long drained = System.nanoTime();
        CpuUse cpuAfter = CpuUse.now(backendPid);
        double[] cpu = cpuAfter.secondsSince(cpuBefore);
        double serviceSeconds = Math.max(0.001, (done - firstSeen[0]) / 1e9);
        Object[] reserved = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "select count(*), count(budget_id) from decision where order_id like ?1")
                .setParameter(1, "bench-" + run + "-%").getSingleResult());
        System.out.printf("  in the service%s: %d incidents sent in %.1f s; all decided %.1f s after the first send, their "
                + "events all published %.1f s after the last decision%n",
                ratePerSecond > 0 ? String.format(" (offered at %,d/s)", ratePerSecond) : " (all sent at once)", count,
                sent[0], (done - t0) / 1e9, (drained - done) / 1e9);
        long decisions = ((Number) reserved[0]).longValue();
        long withBudget = ((Number) reserved[1]).longValue();
        System.out.printf("  throughput: %d decisions (%d with a budget reservation, %d took other paths%s) from the first "
                + "seen to the last in %.1f s = %.0f decisions/s (target 5,000/s)%n", decisions, withBudget,
                decisions - withBudget, decisions == withBudget ? "" : ": NOT all budget-enforced", serviceSeconds,
                (count - 1) / serviceSeconds);
        // CPU time from the first send until the outbox is empty (the broker's share holds taking the records in).
        System.out.printf("  CPU time per decision: service JVM (service, Kafka clients, GC, JIT; the benchmark's producer "
                        + "too) %.0f us, Kafka broker %.0f us, PostgreSQL %s; %.1f CPU seconds in all over %.1f s wall%n",
                cpu[0] * 1e6 / count, cpu[1] * 1e6 / count, cpu[2] < 0 ? "unknown" : String.format("%.0f us", cpu[2] * 1e6 / count),
                cpu[0] + cpu[1] + Math.max(0, cpu[2]), (drained - t0) / 1e9);
        double[] jitAndGc = cpuAfter.jitAndGcSecondsSince(cpuBefore);
        System.out.printf("  of the service JVM's: JIT compiler %.0f us, GC %.0f us, the rest (the service's own threads, its "
                        + "Kafka clients, the benchmark's producer) %.0f us per decision%n", jitAndGc[0] * 1e6 / count,
                jitAndGc[1] * 1e6 / count, (cpu[0] - jitAndGc[0] - jitAndGc[1]) * 1e6 / count);
        System.out.printf("  CPU by JVM thread group: %s%n", cpuAfter.busiestThreadsSince(cpuBefore, 10));
        String pace = ratePerSecond > 0 ? String.format("offered at %,d/s", ratePerSecond) : "all sent at once (saturated)";
        printLatency(round, "decision latency inside the service, " + pace + " (the consumer receiving the record's poll to "
                + "the commit of the transaction that decided it)", "goodwill.decision.duration");
        printLatency(round, pace + ", from the service's Kafka consumer polling the record to that commit (adds the wait "
                + "in the connector's queue behind earlier polls)", "goodwill.decision.since-polled");
        printLatency(round, pace + ", from the record's send to that commit (adds the wait in the broker and behind "
                + "earlier polls; not inside the service)", "goodwill.decision.since-sent");
        DistributionSummary polls = round.find("goodwill.decision.poll-size").summary();
        if (polls != null) {
            System.out.printf("  polls of the incidents consumer: %d, %.1f records each on average, at most %.0f%n",
                    polls.count(), polls.mean(), polls.max());
        }
        printTableScans();
        Metrics.globalRegistry.remove(round);
        round.close();
        return (count - 1) / serviceSeconds;
    }

    /** Rows read by sequential scans per table so far: a statement that scans a growing table costs more every round. */
    private void printTableScans() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup from pg_stat_user_tables
                 where seq_tup_read > 0 order by seq_tup_read desc limit 8""").getResultList());
        StringBuilder scans = new StringBuilder();
        for (Object[] row : rows) {
            scans.append(String.format(" %s (%s scans, %s rows read; %s index scans; %s rows)", row[0], row[1], row[2], row[3], row[4]));
        }
        System.out.printf("  sequential scans so far:%s%n", scans);
    }

    private static void printLatency(MeterRegistry round, String what, String name) {
        Timer timer = round.find(name).timer();
        if (timer == null) {
            System.out.printf("  %s: no timer %s in this round's registry%n", what, name);
            return;
        }
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            percentiles.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        System.out.printf("  %s, %d records:%s, mean %.1f ms, max %.1f ms (target p99 < 20 ms inside the service)%n", what,
                timer.count(), percentiles, timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
    }
}
