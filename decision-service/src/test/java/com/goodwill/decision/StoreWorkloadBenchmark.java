package com.goodwill.decision;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.customer.CustomerValue;
import com.goodwill.decision.persistence.CustomerProfiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints what the customer profiles and the budget ledger cost a decision, not a test: per transaction, as a decision
 * makes it, the customer's figures, its order's risk signals, a budget reservation and the claim. Runs only when asked:
 * {@code ./mvnw -pl decision-service verify -Dtest=StoreWorkloadBenchmark -Dbench=true [-Dbench.threads=8]
 * [-Dbench.decisions=20000] [-Dbench.budgets=1]}. Figures depend on the machine and what else runs on it; the
 * database is the test's embedded PostgreSQL with its default durability.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class StoreWorkloadBenchmark {

    @Inject
    CustomerValue customers;

    @Inject
    CustomerProfiles profiles;

    @Inject
    BudgetLedger budgets;

    @Inject
    Clock clock;

    @Test
    void printStoreCostPerDecision() throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int decisions = Integer.getInteger("bench.decisions", 20_000);
        int budgetCount = Integer.getInteger("bench.budgets", 1);
        int customerCount = 2_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = clock.instant();

        // Setup (not measured): five orders per customer, every tenth address shared by ten accounts.
        for (int c = 0; c < customerCount; c += 100) {
            int from = c;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int k = from; k < from + 100; k++) {
                    for (int o = 0; o < 5; o++) {
                        String order = run + "-o-" + k + "-" + o;
                        profiles.apply("evt-" + order, new OrderPlaced("evt-" + order, order, run + "-c-" + k, "DE", "web",
                                "card", Money.of(1_000 + o * 500L, "EUR"), List.of(), now.plus(Duration.ofDays(2)),
                                now.minus(Duration.ofDays(10L * o + 1)), null, "de", run + "-a-" + (k / 10),
                                run + "-p-" + k, null));
                    }
                }
            });
        }
        String month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();

        long[] latencies = new long[decisions];
        AtomicLong next = new AtomicLong();
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < decisions; i = next.getAndIncrement()) {
                    int k = (int) (i % customerCount);
                    String customer = run + "-c-" + k;
                    String order = run + "-o-" + k + "-0";
                    String decision = run + "-d-" + i;
                    String budget = month + "/web/bench-" + run + "-" + (i % budgetCount) + "/DELAY";
                    long t0 = System.nanoTime();
                    boolean ok = QuarkusTransaction.requiringNew().call(() -> {
                        Instant at = clock.instant();
                        customers.figures(customer, "EUR", at);
                        customers.signals(customer, order, at);
                        boolean reserved = budgets.reserve(budget, "bench", "EUR", Long.MAX_VALUE / 4, decision, 250);
                        profiles.recordClaim(decision, customer, order, Money.of(250, "EUR"), false, at);
                        return reserved;
                    });
                    latencies[(int) i] = System.nanoTime() - t0;
                    if (ok) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        // Every limit is far above the run's total, so each decision must have reserved: the figures below are then
        // of the path a granted decision takes, not of refusals.
        assertThat(granted.get()).as("reservations granted").isEqualTo(decisions);
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%nstore workload per decision (figures + signals + reserve + claim, one transaction each)%n"
                        + "  %d cores, %d threads, %d budgets, %d customers x 5 orders%n"
                        + "  %d decisions in %.1f s = %.0f decisions/s (%d reserved)%n"
                        + "  latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n%n",
                Runtime.getRuntime().availableProcessors(), threads, budgetCount, customerCount, decisions, seconds,
                decisions / seconds, granted.get(), ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
