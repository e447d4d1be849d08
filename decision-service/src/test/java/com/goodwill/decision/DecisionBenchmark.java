package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.policy.GoodwillEngine;
import com.goodwill.decision.policy.PolicyDocument;
import com.goodwill.decision.service.PolicyService;
import com.goodwill.testsupport.PlatformTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Decisions per second and decision latency inside the service, with budget enforcement (every decision reserves on
 * the budget ledger in PostgreSQL), over the real broker and database. Prints figures; asserts nothing about them
 * (timing goals belong in a benchmark, not a test). Off unless asked for:
 * <pre>
 * ./mvnw -B -ntp -pl decision-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=DecisionBenchmark -Dgoodwill.bench=true [-Dgoodwill.bench.incidents=5000]
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "goodwill.bench", matches = "true")
class DecisionBenchmark {

    @Inject
    MeterRegistry metrics;
    @Inject
    EntityManager entityManager;
    @Inject
    PolicyService policies;

    @Test
    void decisionsPerSecondAndLatency() {
        int incidents = Integer.getInteger("goodwill.bench.incidents", 5_000);
        System.out.printf("%ndecision-service benchmark (%d cores, %d incidents, up to %d per transaction; load average %s)%n",
                Runtime.getRuntime().availableProcessors(), incidents,
                ConfigProvider.getConfig().getValue("goodwill.decision.batch-size", Integer.class), loadAverage());
        engineAlone(incidents * 4);
        inTheService(incidents);
        System.out.printf("  load average after the run: %s%n", loadAverage());
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
        GoodwillEngine.BudgetBook book = new GoodwillEngine.BudgetBook() {
            @Override
            public long monthRevenueMinor(String channel, String currency, YearMonth month) {
                return 0;
            }

            @Override
            public long usedMinor(String budgetId) {
                return 0;
            }
        };
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

    private void inTheService(int count) {
        String run = Long.toString(System.nanoTime(), 36);
        long before = decisionsSoFar();
        Timer timer = metrics.find("goodwill.decision.duration").timer();
        long timedBefore = timer == null ? 0 : timer.count();
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
        long t0 = System.nanoTime();
        PlatformTopics.companion().produceStrings().fromRecords(records).awaitCompletion(Duration.ofMinutes(5));
        double sent = (System.nanoTime() - t0) / 1e9;
        // The service's own pace: wall-clock time from its first decision of this run to its last (the service's
        // clock is a test clock that stands still, so the decisions' own times cannot tell).
        long[] firstSeen = {0};
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long decided = decisionsSoFar() - before;
            if (decided > 0 && firstSeen[0] == 0) {
                firstSeen[0] = System.nanoTime();
            }
            return decided >= count;
        });
        long done = System.nanoTime();
        double serviceSeconds = Math.max(0.001, (done - firstSeen[0]) / 1e9);
        Object[] reserved = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "select count(*), count(budget_id) from decision where order_id like ?1")
                .setParameter(1, "bench-" + run + "-%").getSingleResult());
        System.out.printf("  in the service: %d incidents sent in %.1f s; all decided %.1f s after the first send%n",
                count, sent, (done - t0) / 1e9);
        System.out.printf("  throughput: %d decisions (%s with a budget reservation) from the first seen to the last in "
                + "%.1f s = %.0f decisions/s (target 5,000/s)%n", ((Number) reserved[0]).longValue(), reserved[1],
                serviceSeconds, (count - 1) / serviceSeconds);
        timer = metrics.find("goodwill.decision.duration").timer();
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            percentiles.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        System.out.printf("  decision latency inside the service (poll received by the consumer to transaction committed, %d records):%s,"
                + " mean %.1f ms, max %.1f ms (target p99 < 20 ms)%n", timer.count() - timedBefore, percentiles,
                timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
    }

    private long decisionsSoFar() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("select count(*) from decision").getSingleResult()).longValue());
    }
}
