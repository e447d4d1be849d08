package com.goodwill.decision;

import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.decision.persistence.BudgetStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two decision-service instances drawing on one budget at once, against the real PostgreSQL: instance A is this
 * service (its connection pool, its JTA transactions), instance B a second, independent connection pool running the
 * same ledger SQL in transactions of its own. Many threads on each reserve on one budget at the same moment.
 */
@QuarkusTest
class BudgetConcurrencyTest {

    private static final int THREADS_PER_INSTANCE = 8;
    private static final int DECISIONS_PER_THREAD = 25;
    private static final long LIMIT = 10_000;
    private static final long AMOUNT = 300;

    private static AgroalDataSource secondInstance;

    @Inject
    BudgetLedger ledger;

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void startSecondInstancePool() throws SQLException {
        var config = ConfigProvider.getConfig();
        secondInstance = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(THREADS_PER_INSTANCE)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(config.getValue("quarkus.datasource.jdbc.url", String.class))
                                .autoCommit(false)
                                .principal(new NamePrincipal(config.getValue("quarkus.datasource.username", String.class)))
                                .credential(new SimplePassword(config.getValue("quarkus.datasource.password", String.class))))));
    }

    @AfterAll
    static void stopSecondInstancePool() {
        secondInstance.close();
    }

    @Test
    void concurrentReservationsFromTwoInstancesNeverOverspendAndNoneIsLost() throws Exception {
        String budget = newBudget();
        Map<String, Boolean> answers = race(budget, decision -> false);

        long granted = answers.values().stream().filter(b -> b).count();
        assertThat(answers).hasSize(2 * THREADS_PER_INSTANCE * DECISIONS_PER_THREAD);
        assertThat(granted).isEqualTo(LIMIT / AMOUNT);
        BudgetStanding standing = ledger.standing(budget).orElseThrow();
        assertThat(standing.reservedMinor()).isEqualTo(granted * AMOUNT).isLessThanOrEqualTo(LIMIT);
        assertThat(standing.consumedMinor()).isZero();

        // Every decision's reservation is there, with the answer it was given; the sums add up to the budget's row.
        Map<String, Boolean> stored = reservations(budget);
        assertThat(stored).isEqualTo(answers);
        assertThat(entries(budget, BudgetEntry.Kind.RESERVED)).isEqualTo(granted);
        assertThat(entries(budget, BudgetEntry.Kind.REFUSED)).isEqualTo(answers.size() - granted);

        // Asking again, from either instance, answers the same and reserves nothing more.
        BudgetStore store = new BudgetStore();
        for (Map.Entry<String, Boolean> answer : answers.entrySet()) {
            boolean again = answer.getKey().hashCode() % 2 == 0
                    ? inThisInstance(() -> ledger.reserve(budget, "finance", "EUR", LIMIT * 10, answer.getKey(), AMOUNT))
                    : inSecondInstance(c -> store.reserve(c, budget, "finance", "EUR", LIMIT * 10, answer.getKey(), AMOUNT, clock.instant()), true);
            assertThat(again).as("second answer for %s", answer.getKey()).isEqualTo(answer.getValue());
        }
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(granted * AMOUNT);
    }

    @Test
    void aReservationRolledBackWithItsDecisionFreesItsShareForOthers() throws Exception {
        String budget = newBudget();
        // Every fifth decision of instance B fails after reserving (its transaction rolls back).
        Map<String, Boolean> answers = race(budget, decision -> decision.endsWith("-0") || decision.endsWith("-5"));

        // While a failing decision held its share, others may have been refused; nothing of it stays held after.
        long granted = answers.values().stream().filter(b -> b).count();
        assertThat(granted).isLessThanOrEqualTo(LIMIT / AMOUNT);
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(granted * AMOUNT);
        assertThat(reservations(budget)).isEqualTo(answers);

        // The shares of the rolled-back decisions are free: new decisions fill the budget exactly to its limit.
        int more = 0;
        while (more <= LIMIT / AMOUNT && inThisInstance(() -> ledger.reserve(budget, "finance", "EUR", LIMIT,
                "late-" + UUID.randomUUID(), AMOUNT))) {
            more++;
        }
        assertThat(granted + more).isEqualTo(LIMIT / AMOUNT);
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(LIMIT / AMOUNT * AMOUNT);
    }

    @Test
    void batchReservationsFromTwoInstancesNeverOverspendAndEachBatchIsAllOrNothing() throws Exception {
        String budget = newBudget();
        String run = UUID.randomUUID().toString();
        int batch = 4;
        Map<String, Boolean> answers = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        BudgetStore store = new BudgetStore();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                for (String instance : List.of("a", "b")) {
                    int thread = t;
                    done.add(threads.submit(task(start, () -> {
                        for (int i = 0; i < DECISIONS_PER_THREAD / batch; i++) {
                            Map<String, Long> amounts = new java.util.LinkedHashMap<>();
                            for (int k = 0; k < batch; k++) {
                                amounts.put(run + "-" + instance + "-" + thread + "-" + i + "-" + k, AMOUNT);
                            }
                            boolean granted = "a".equals(instance)
                                    ? inThisInstance(() -> ledger.reserveAll(budget, "finance", "EUR", LIMIT, amounts))
                                    : inSecondInstance(c -> store.reserveAll(c, budget, "finance", "EUR", LIMIT, amounts, clock.instant()), true);
                            amounts.keySet().forEach(decision -> answers.put(decision, granted));
                        }
                    })));
                }
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        long granted = answers.values().stream().filter(b -> b).count();
        assertThat(granted % batch).as("whole batches only").isZero();
        assertThat(granted).isGreaterThan(0).isLessThanOrEqualTo(LIMIT / AMOUNT);
        assertThat(ledger.standing(budget).orElseThrow().reservedMinor()).isEqualTo(granted * AMOUNT).isLessThanOrEqualTo(LIMIT);
        // Only granted batches left reservations and entries; a refused batch left nothing behind.
        Map<String, Boolean> stored = reservations(budget);
        assertThat(stored).hasSize((int) granted).allSatisfy((decision, accepted) -> assertThat(accepted).isTrue());
        assertThat(entries(budget, BudgetEntry.Kind.RESERVED)).isEqualTo(granted);
        // What the batches could not use is still there for decisions one at a time, up to the limit exactly.
        int more = 0;
        while (more <= LIMIT / AMOUNT && inThisInstance(() -> ledger.reserve(budget, "finance", "EUR", LIMIT,
                "late-" + UUID.randomUUID(), AMOUNT))) {
            more++;
        }
        assertThat(granted + more).isEqualTo(LIMIT / AMOUNT);
    }

    /**
     * Starts all threads at once; each makes its decisions one transaction at a time. Returns the answers of the
     * transactions that committed.
     */
    private Map<String, Boolean> race(String budget, java.util.function.Predicate<String> rollsBack) throws Exception {
        Map<String, Boolean> answers = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        BudgetStore store = new BudgetStore();
        // Decision ids are unique across tests: a decision reserves once, whatever budget it names later.
        String run = UUID.randomUUID().toString();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                int thread = t;
                done.add(threads.submit(task(start, () -> {
                    for (int i = 0; i < DECISIONS_PER_THREAD; i++) {
                        String decision = run + "-a-" + thread + "-" + i;
                        answers.put(decision, inThisInstance(() ->
                                ledger.reserve(budget, "finance", "EUR", LIMIT, decision, AMOUNT)));
                    }
                })));
                done.add(threads.submit(task(start, () -> {
                    for (int i = 0; i < DECISIONS_PER_THREAD; i++) {
                        String decision = run + "-b-" + thread + "-" + i;
                        boolean commit = !rollsBack.test(decision);
                        boolean answer = inSecondInstance(c -> store.reserve(c, budget, "finance", "EUR", LIMIT, decision,
                                AMOUNT, clock.instant()), commit);
                        if (commit) {
                            answers.put(decision, answer);
                        }
                    }
                })));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return answers;
    }

    private static Callable<Void> task(CountDownLatch start, Runnable work) {
        return () -> {
            start.await();
            work.run();
            return null;
        };
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** One transaction of instance B: committed, or rolled back as a failing decision's would be. */
    /**
     * A transaction of this instance that waits for the budget's row lock as long as it takes: the test profile's
     * 1 s {@code lock_timeout} (there so that other tests can cause a transient failure) would otherwise fail a
     * reservation that merely queued behind 15 others on a busy machine. The second instance's pool has no timeout.
     */
    private <T> T inThisInstance(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                statement.execute("set local lock_timeout = '120s'");
            }
            return work.call();
        });
    }

    private static <T> T inSecondInstance(Work<T> work, boolean commit) {
        try (Connection connection = secondInstance.getConnection()) {
            try {
                T result = work.on(connection);
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Boolean> reservations(String budget) {
        return inSecondInstance(c -> {
            Map<String, Boolean> stored = new ConcurrentHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select decision_id, accepted, reserved_minor from budget_reservation where budget_id = ?")) {
                s.setString(1, budget);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getLong("reserved_minor")).isEqualTo(rs.getBoolean("accepted") ? AMOUNT : 0);
                        stored.put(rs.getString("decision_id"), rs.getBoolean("accepted"));
                    }
                }
            }
            return stored;
        }, false);
    }

    private static long entries(String budget, BudgetEntry.Kind kind) {
        return inSecondInstance(c -> {
            try (PreparedStatement s = c.prepareStatement("select count(*) from budget_entry where budget_id = ? and kind = ?")) {
                s.setString(1, budget);
                s.setString(2, kind.name());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }, false);
    }

    private String newBudget() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)) + "/web/race-" + UUID.randomUUID() + "/DELAY";
    }
}
