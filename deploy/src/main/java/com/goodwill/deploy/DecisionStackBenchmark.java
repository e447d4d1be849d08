package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.testsupport.PacedProducer;
import com.goodwill.testsupport.PostgresServer;
import com.goodwill.testsupport.PrometheusText;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./stack bench-decision [--incidents N] [--warmup N] [--rate R[,R...]] [--paced N]}: decision-service as it is
 * deployed. A throw-away stack (PostgreSQL, Kafka and decision-service alone, each a process of its own, the service
 * started from its packaged jar with the stack's JVM settings, default JIT and production configuration) on free ports
 * in a temporary directory. Before the rounds a benchmark policy version (the shipped sample with every budget at the
 * schema's maximum) is created and activated for DE over the service's REST API, so that every decision of the run
 * reserves on its budget (the service's real clock: all rounds draw on this month's budgets). Then delay incidents, each
 * with its own order and customer, go onto the incidents topic from a plain producer in this JVM: warm-up rounds until
 * the service's JIT compiler has settled (it takes less than {@value #SETTLED_JIT_SHARE} of a round's service CPU, at most
 * {@value #MAX_WARM_UP_ROUNDS} rounds: a running service has long compiled its hot path), a saturated round (all sent at
 * once) and paced rounds (each at a fixed rate; by default one at half the saturated round's). Per round: decisions per
 * second (first decision to last, by the decisions' own times), budget
 * reservations, CPU per decision per process, and the latency inside the service for the round's records alone, from
 * the difference of the service's Prometheus histogram buckets scraped before and after. A measurement, not a test.
 */
public final class DecisionStackBenchmark {

    static final String USAGE = "./stack bench-decision [--incidents N] [--warmup N] [--rate R[,R...]] [--paced N]";
    private static final String SERVICE = "decision-service";
    private static final String MARKET = "DE";
    private static final String ACTOR = "stack-bench-decision";
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);
    /** The policy schema's largest amount ("Minor" maximum): every budget of the benchmark policy gets it. */
    static final long BUDGET_MINOR = 100_000_000L;
    /**
     * Order values 20.00 to 99.99 EUR: the sample's delay playbook grants 5 % as store credit, so a decision reserves at
     * most 5.00 EUR (plus rounding) and the budget holds at least 199,000 decisions (about 330,000 on average): enough
     * for a long warm-up, all rounds drawing on this month's budget.
     */
    private static final long MIN_ORDER_MINOR = 2_000;
    private static final long ORDER_SPREAD_MINOR = 8_000;
    private static final long MAX_GRANT_MINOR = (MIN_ORDER_MINOR + ORDER_SPREAD_MINOR) / 20 + 1;
    private static final String DURATION = "goodwill_decision_duration_seconds";
    private static final String SINCE_POLLED = "goodwill_decision_since_polled_seconds";
    private static final double TARGET_SECONDS = 0.020;

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DecisionStackBenchmark() {
    }

    /** One round's figures, for the summary at the end. */
    record Round(String label, int incidents, int offeredRate, double rate, double p50, double p95, double p99,
                 double within20, long reserved, double cpuServiceUs, double cpuJitUs, double cpuKafkaUs,
                 double cpuPostgresUs, double cpuBenchUs, String load) {

        /** The share of the service JVM's CPU its JIT compiler threads took: a JVM still compiling is not settled. */
        double jitShare() {
            return cpuServiceUs > 0 ? cpuJitUs / cpuServiceUs : 0;
        }
    }

    /**
     * A running service has long compiled its hot path; a fresh JVM's C2 compiler works through the first minutes under
     * load (after 40,000 decisions it still took 41 to 48 % of the service's CPU, after 200,000 about 15 %). Warm-up
     * rounds go on until it takes less than this share of a round, so that the measured rounds see the steady state.
     */
    static final double SETTLED_JIT_SHARE = 0.15;
    /** At most this many warm-up rounds: with the default round, 240,000 decisions, well inside the budgets. */
    static final int MAX_WARM_UP_ROUNDS = 6;

    public static int run(Path repoRoot, List<String> args, PrintStream out) throws Exception {
        int incidents = 20_000;
        int warmUp = 40_000;
        List<Integer> rates = List.of();
        int paced = -1;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size() || !List.of("--incidents", "--warmup", "--rate", "--paced").contains(option)) {
                System.err.println("usage: " + USAGE);
                return 2;
            }
            String value = args.get(++i).replace("_", "");
            switch (option) {
                case "--incidents" -> incidents = Integer.parseInt(value);
                case "--warmup" -> warmUp = Integer.parseInt(value);
                case "--rate" -> rates = Stream.of(value.split(",")).map(Integer::parseInt).toList();
                default -> paced = Integer.parseInt(value);
            }
        }
        if (incidents < 2) {
            System.err.println("--incidents must be at least 2");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("goodwill-bench-decision");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(SERVICE, ThisMachine.freePort());
        StackLayout layout = new StackLayout(repoRoot, dataDir, ThisMachine.freePort(), ThisMachine.freePort(), ThisMachine.freePort(), ports);
        try (LocalStack stack = LocalStack.start(layout, out)) {
            ChildProcess service = stack.services().get(0);
            out.printf("%ndecision-service benchmark on the deployed stack (%d cores; service JVM: %s; load average %s)%n",
                    Runtime.getRuntime().availableProcessors(), jvmOptions(service.pid()), ThisMachine.loadAverage());
            String version = installBenchmarkPolicy(layout, out);
            List<Round> rounds = new ArrayList<>();
            for (int w = 1; warmUp > 0 && w <= MAX_WARM_UP_ROUNDS; w++) {
                Round warm = round(stack, "warm-up " + w, warmUp, 0, out);
                rounds.add(warm);
                out.printf("  the JIT compiler took %.0f %% of the service's CPU in this warm-up round: %s%n",
                        warm.jitShare() * 100, warm.jitShare() < SETTLED_JIT_SHARE
                                ? "settled enough, the measured rounds follow"
                                : w < MAX_WARM_UP_ROUNDS ? "still compiling, another warm-up round"
                                : "still compiling after the last warm-up round allowed; measuring anyway");
                if (warm.jitShare() < SETTLED_JIT_SHARE) {
                    break;
                }
            }
            Round saturated = round(stack, "saturated", incidents, 0, out);
            rounds.add(saturated);
            idle(stack, out);
            if (rates.isEmpty()) {
                rates = List.of(Math.max(100, (int) (saturated.rate() / 2 / 100) * 100));
            }
            for (int pace : rates) {
                if (pace > 0) {
                    int count = paced > 0 ? paced : pace * 10;
                    rounds.add(round(stack, "paced", count, pace, out));
                }
            }
            summary(rounds, version, out);
            return 0;
        } finally {
            ThisMachine.deleteTree(dataDir);
        }
    }

    /**
     * The sample policy active for DE, with every budget's base limit at {@link #BUDGET_MINOR} in every currency, as a
     * new version activated for DE: policy as data, over the REST API a person would use.
     *
     * @return the benchmark policy's version
     */
    private static String installBenchmarkPolicy(StackLayout layout, PrintStream out) throws Exception {
        String base = layout.baseUrl(SERVICE);
        JsonNode active = JSON.readTree(get(base + "/api/policies/active?market=" + MARKET));
        String sampleVersion = active.get("version").asText();
        JsonNode sample = JSON.readTree(get(base + "/api/policies/" + sampleVersion)).get("document");
        ObjectNode document = benchmarkPolicy(sample);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/policies?createdBy="
                                + URLEncoder.encode(ACTOR, StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(document))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the service refused the benchmark policy: " + created.statusCode() + " "
                    + created.body());
        }
        String version = JSON.readTree(created.body()).get("version").asText();
        HttpResponse<String> activated = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/policies/" + version
                                + "/activations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("market", MARKET,
                                "activatedBy", ACTOR)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (activated.statusCode() != 201) {
            throw new IllegalStateException("the service did not activate the benchmark policy: " + activated.statusCode()
                    + " " + activated.body());
        }
        String inForce = JSON.readTree(get(base + "/api/policies/active?market=" + MARKET)).get("version").asText();
        if (!inForce.equals(version)) {
            throw new IllegalStateException("policy " + inForce + " is in force for " + MARKET + ", not " + version);
        }
        out.printf("Benchmark policy %s (sample %s with every budget at %,d.%02d per currency, the schema's maximum) "
                        + "created and activated for %s over the REST API; a decision here reserves at most %,d.%02d EUR%n",
                version, sampleVersion, BUDGET_MINOR / 100, BUDGET_MINOR % 100, MARKET, MAX_GRANT_MINOR / 100,
                MAX_GRANT_MINOR % 100);
        return version;
    }

    /** The sample with every budget's base limit raised to {@link #BUDGET_MINOR}; nothing else differs. */
    static ObjectNode benchmarkPolicy(JsonNode sample) {
        ObjectNode document = sample.deepCopy();
        document.put("description", "Benchmark policy (./stack bench-decision): the sample policy with every budget at "
                + "the largest limit the schema allows, so that every decision of the benchmark reserves.");
        for (JsonNode budget : document.withArray("budgets")) {
            ObjectNode limits = (ObjectNode) budget.get("baseMinor");
            List<String> currencies = new ArrayList<>();
            limits.fieldNames().forEachRemaining(currencies::add);
            currencies.forEach(currency -> limits.put(currency, BUDGET_MINOR));
        }
        return document;
    }

    private static Round round(LocalStack stack, String label, int count, int ratePerSecond, PrintStream out)
            throws Exception {
        StackLayout layout = stack.layout();
        long pid = stack.services().get(0).pid();
        String run = "bench-" + label + "-" + Long.toString(System.nanoTime(), 36);
        List<ProducerRecord<String, String>> records = incidents(run, count);
        warnIfBudgetsMightNotHold(layout, count, out);
        // Taken before each round, outside its figures: the JVM compiles the scrape's code as it does the rest.
        Duration scrapeCost = scrapeCost(stack);
        String startLoad = ThisMachine.loadAverage();
        out.printf("%n%s round: %,d delay incidents %s (load average %s; a scrape of the service's metrics page costs it "
                        + "%.1f ms of CPU now, mean of 20 while idle)%n", label, count,
                ratePerSecond > 0 ? String.format("offered at %,d/s", ratePerSecond) : "sent at once", startLoad,
                scrapeCost.toNanos() / 1e6);

        try (Connection db = connect(layout)) {
            PrometheusText metricsBefore = scrape(layout);
            long decidedBefore = timerCount(metricsBefore);
            long[] databaseBefore = commitsAndWalSyncs(db);
            Map<String, Duration> cpuBefore = stack.cpuTimes();
            Map<String, Long> threadsBefore = ThreadCpu.of(pid);
            Duration benchBefore = ThisMachine.ownCpu();
            double machineBefore = machineBusySeconds();
            long t0 = System.nanoTime();
            double[] sent = {0};
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                PacedProducer.send(layout.kafkaBootstrap(), "decision-stack-benchmark", records, ratePerSecond);
                sent[0] = (System.nanoTime() - t0) / 1e9;
            });
            if (ratePerSecond == 0) {
                sending.join();
            }
            int scrapes = awaitDecided(layout, decidedBefore + count);
            long decided = System.nanoTime();
            sending.join();
            // The decisions' events leave through the outbox after the commit: publishing them is part of a decision's cost.
            awaitOutboxEmpty(db);
            long drained = System.nanoTime();
            double machineSeconds = machineBusySeconds() - machineBefore;
            Map<String, Duration> cpuAfter = stack.cpuTimes();
            Map<String, Long> threadsAfter = ThreadCpu.of(pid);
            Duration benchCpu = ThisMachine.ownCpu().minus(benchBefore);
            long[] databaseAfter = commitsAndWalSyncs(db);
            String endLoad = ThisMachine.loadAverage();
            PrometheusText metricsAfter = scrape(layout);

            // What the round decided, from the decision table (after the CPU was taken: this reading is not billed).
            Outcome outcome = outcome(db, run);
            double serviceSeconds = Math.max(0.001, Duration.between(outcome.first(), outcome.last()).toNanos() / 1e9);
            double decisionsPerSecond = (outcome.decisions() - 1) / serviceSeconds;
            out.printf("  %,d decisions from the first to the last (their decided_at, the service's clock) in %.2f s = "
                            + "%,.0f decisions/s (target 5,000/s); sent in %.1f s, all decided %.1f s after the first send, "
                            + "outbox empty %.1f s after that; load average %s%n", outcome.decisions(), serviceSeconds,
                    decisionsPerSecond, sent[0], (decided - t0) / 1e9, (drained - decided) / 1e9, endLoad);
            long otherPaths = outcome.decisions() - outcome.reserved();
            out.printf("  budget enforcement: %,d of %,d decisions reserved on a budget, %,d took other paths%s; by reason: %s%n",
                    outcome.reserved(), outcome.decisions(), otherPaths,
                    otherPaths == 0 ? "" : " (NOT every decision reserved: the rate above is not all budget-enforced)",
                    outcome.byReason());
            if (outcome.decisions() != count) {
                out.printf("  WARNING: %,d incidents sent, %,d decisions recorded for them%n", count, outcome.decisions());
            }
            out.printf("  budgets this month: %s%n", budgets(layout));

            RoundLatency inside = latency(metricsBefore, metricsAfter, DURATION);
            RoundLatency polled = latency(metricsBefore, metricsAfter, SINCE_POLLED);
            out.printf("  latency inside the service (the consumer receiving the record's poll to the commit that decided it), "
                    + "this round's %,d records: %s; load average %s%n", inside.histogram().count(), inside.describe(), endLoad);
            out.printf("  from the service's Kafka consumer polling the record to that commit (adds the wait behind earlier "
                    + "polls), %,d records: %s%n", polled.histogram().count(), polled.describe());
            out.println("    (quantiles from the histogram's buckets, interpolated within the bucket as Prometheus' "
                    + "histogram_quantile does, the bucket's upper bound in brackets; the share within 20 ms is exact: a "
                    + "bucket ends at 20 ms)");

            double n = count;
            double serviceUs = micros(cpuBefore, cpuAfter, SERVICE) / n;
            double kafkaUs = micros(cpuBefore, cpuAfter, "kafka") / n;
            double postgresUs = micros(cpuBefore, cpuAfter, "postgres") / n;
            double benchUs = benchCpu.toNanos() / 1e3 / n;
            double stackUs = serviceUs + kafkaUs + postgresUs;
            Map<String, Double> threads = ThreadCpu.since(threadsBefore, threadsAfter);
            double jitUs = threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToDouble(Map.Entry::getValue).sum() / n;
            double vmUs = threads.getOrDefault("VM Thread", 0.0) / n;
            out.printf("  CPU per decision, first send until the outbox is empty: decision-service JVM %.0f µs (of it JIT "
                            + "compiler threads %.0f µs, VM thread, where the serial collector runs, %.0f µs), Kafka %.0f µs, "
                            + "PostgreSQL %.0f µs = %.0f µs: two cores would allow about %,.0f decisions/s; apart: this "
                            + "benchmark's JVM (producer, scrapes) %.0f µs; load average %s; the service's share "
                            + "holds %d scrapes of its metrics page by this benchmark (about %.0f µs per decision)%n",
                    serviceUs, jitUs, vmUs, kafkaUs, postgresUs, stackUs, stackUs > 0 ? 2e6 / stackUs : 0, benchUs, endLoad,
                    scrapes + 1, (scrapes + 1) * scrapeCost.toNanos() / 1e3 / n);
            double polls = since(metricsBefore, metricsAfter, "goodwill_decision_poll_size_count");
            double polledRecords = since(metricsBefore, metricsAfter, "goodwill_decision_poll_size_sum");
            out.printf("  service JVM: %,.0f polls of the incidents consumer, %.1f records each on average; %s; busiest "
                            + "threads (µs per decision): %s%n", polls, polls == 0 ? 0 : polledRecords / polls,
                    gcPauses(metricsBefore, metricsAfter), busiest(threads, n));
            // The machine is shared: what else ran meanwhile is the CPU the whole machine used minus this stack's and
            // this benchmark's.
            double ownSeconds = (serviceUs + kafkaUs + postgresUs + benchUs) * n / 1e6;
            double wall = (drained - t0) / 1e9;
            out.printf("  the rest of the machine meanwhile: %.1f CPU s in %.1f s (%.2f cores on average; this stack and "
                            + "benchmark %.1f CPU s); PostgreSQL (statistics, approximate): %.2f commits and %.2f WAL "
                            + "flushes (fsync) per decision%n", Math.max(0, machineSeconds - ownSeconds), wall,
                    Math.max(0, machineSeconds - ownSeconds) / wall, ownSeconds, (databaseAfter[0] - databaseBefore[0]) / n,
                    (databaseAfter[1] - databaseBefore[1]) / n);
            return new Round(label, count, ratePerSecond, decisionsPerSecond, inside.histogram().quantile(0.5),
                    inside.histogram().quantile(0.95), inside.histogram().quantile(0.99),
                    inside.histogram().shareAtMost(TARGET_SECONDS), outcome.reserved(), serviceUs, jitUs, kafkaUs,
                    postgresUs, benchUs, startLoad + " -> " + endLoad);
        }
    }

    private static final Duration IDLE = Duration.ofSeconds(10);

    /**
     * What the stack burns with nothing to decide (consumers and the outbox relay polling, timers, the JIT compiler
     * still at work): the floor under every round's CPU per decision, which a slow round divides by few decisions.
     */
    private static void idle(LocalStack stack, PrintStream out) throws Exception {
        long pid = stack.services().get(0).pid();
        Map<String, Duration> before = stack.cpuTimes();
        Map<String, Long> threadsBefore = ThreadCpu.of(pid);
        Thread.sleep(IDLE.toMillis());
        Map<String, Duration> after = stack.cpuTimes();
        Map<String, Double> threads = ThreadCpu.since(threadsBefore, ThreadCpu.of(pid));
        double seconds = IDLE.toNanos() / 1e9;
        double jit = threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum() / 1e6;
        out.printf("%nidle for %.0f s, nothing sent: decision-service JVM %.2f cores (of it JIT compiler threads %.2f), "
                        + "Kafka %.2f, PostgreSQL %.2f; busiest service threads (ms per second): %s; load average %s%n",
                seconds, micros(before, after, SERVICE) / 1e6 / seconds, jit / seconds,
                micros(before, after, "kafka") / 1e6 / seconds, micros(before, after, "postgres") / 1e6 / seconds,
                busiest(threads, seconds * 1e3), ThisMachine.loadAverage());
    }

    /** One incident per order, each with its own customer, in DE, delayed 8 to 67 hours, orders of 20.00 to 99.99 EUR. */
    private static List<ProducerRecord<String, String>> incidents(String run, int count) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String orderId = run + "-" + i;
            long hours = 8 + i % 60;
            Money value = Money.of(MIN_ORDER_MINOR + (i * 37L) % ORDER_SPREAD_MINOR, "EUR");
            Instant promised = now.minus(Duration.ofHours(hours));
            Incident incident = new Incident("inc-" + orderId, IncidentLifecycle.OPENED, 1, orderId, "shp-" + orderId,
                    "TRK-" + orderId, "DHL", IncidentClass.DELAY, hours >= 48 ? Severity.HIGH : Severity.MEDIUM,
                    IncidentSource.CARRIER, hours, null, now.plus(Duration.ofHours(6)), "benchmark delay",
                    List.of("evt-" + orderId), new OrderContext("cust-" + run + "-" + i, MARKET, "web", "card", value,
                    promised), now.minus(Duration.ofMinutes(5)));
            EventEnvelope event = EventCodec.wrap(incident.lifecycle().cloudEventType(), "/goodwill/incident-intake",
                    orderId, incident.detectedAt(), incident.incidentId(), null, incident);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INCIDENTS, orderId, EventCodec.toJson(event));
            record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return records;
    }

    /**
     * Until the service's own latency timer has counted the records (it counts every record it is done with, decided
     * or dead-lettered), read once a second: a scrape of the service's metrics page costs the service several ms of
     * CPU (measured and printed before the rounds), which five scrapes a second billed to a slow round noticeably;
     * counting rows instead would scan the decision table and bill the database. The round's rate comes from the
     * decisions' own times, so this wait's resolution only adds up to a second of idle CPU to the round.
     *
     * @return the scrapes made
     */
    private static int awaitDecided(StackLayout layout, long target) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        for (int scrapes = 1; ; scrapes++) {
            long done = timerCount(scrape(layout));
            if (done >= target) {
                return scrapes;
            }
            if (done != last) {
                last = done;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STUCK_AFTER.toNanos()) {
                throw new IllegalStateException("stuck at " + done + " of " + target + " records decided");
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /** What one scrape of the service's metrics page costs the service JVM in CPU, idle otherwise: the mean of 20. */
    private static Duration scrapeCost(LocalStack stack) throws Exception {
        scrape(stack.layout());
        Duration before = stack.cpuTimes().get(SERVICE);
        for (int i = 0; i < 20; i++) {
            scrape(stack.layout());
        }
        return stack.cpuTimes().get(SERVICE).minus(before).dividedBy(20);
    }

    private static void awaitOutboxEmpty(Connection db) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long waiting = count(db, "select count(*) from outbox_event");
            if (waiting == 0) {
                return;
            }
            if (waiting != last) {
                last = waiting;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STUCK_AFTER.toNanos()) {
                throw new IllegalStateException("stuck with " + waiting + " events in the outbox");
            }
            Thread.sleep(100);
        }
    }

    /** The round's decisions: how many, how many reserved on a budget, per reason code, and their first and last time. */
    record Outcome(long decisions, long reserved, Instant first, Instant last, String byReason) {
    }

    private static Outcome outcome(Connection db, String run) throws Exception {
        try (PreparedStatement sql = db.prepareStatement("""
                select reason_code, count(*), count(budget_id), min(decided_at), max(decided_at) from decision
                 where order_id like ? group by reason_code order by count(*) desc""")) {
            sql.setString(1, run + "-%");
            long decisions = 0;
            long reserved = 0;
            Instant first = null;
            Instant last = null;
            List<String> reasons = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    long n = rows.getLong(2);
                    long withBudget = rows.getLong(3);
                    Instant from = rows.getTimestamp(4).toInstant();
                    Instant to = rows.getTimestamp(5).toInstant();
                    decisions += n;
                    reserved += withBudget;
                    first = first == null || from.isBefore(first) ? from : first;
                    last = last == null || to.isAfter(last) ? to : last;
                    reasons.add(String.format("%s %,d (%,d reserved)", rows.getString(1), n, withBudget));
                }
            }
            if (decisions == 0) {
                throw new IllegalStateException("no decision recorded for the round's orders " + run + "-*");
            }
            return new Outcome(decisions, reserved, first, last, String.join(", ", reasons));
        }
    }

    /** Each budget of this month: reserved and available of its limit, over the service's REST API. */
    private static String budgets(StackLayout layout) throws Exception {
        JsonNode budgets = JSON.readTree(get(layout.baseUrl(SERVICE) + "/api/budgets"));
        List<String> listed = new ArrayList<>();
        for (JsonNode b : budgets) {
            listed.add(String.format("%s reserved %s, available %s of %s", b.get("budgetId").asText(),
                    money(b.get("reservedMinor").asLong()), money(b.get("availableMinor").asLong()),
                    money(b.get("limitMinor").asLong())));
        }
        return listed.isEmpty() ? "none drawn on yet" : String.join("; ", listed);
    }

    /** A round whose every decision reserved the most it can must fit what the budgets have left. */
    private static void warnIfBudgetsMightNotHold(StackLayout layout, int count, PrintStream out) throws Exception {
        long need = count * MAX_GRANT_MINOR;
        for (JsonNode b : JSON.readTree(get(layout.baseUrl(SERVICE) + "/api/budgets"))) {
            if (b.get("availableMinor").asLong() < need) {
                out.printf("  WARNING: budget %s has %s left, the round may reserve up to %s: later decisions may find it "
                        + "exhausted%n", b.get("budgetId").asText(), money(b.get("availableMinor").asLong()), money(need));
            }
        }
    }

    private static String money(long minor) {
        return String.format("%,d.%02d", minor / 100, Math.abs(minor % 100));
    }

    /** A round's latency from two scrapes of the service's histogram. */
    record RoundLatency(BucketHistogram histogram) {

        String describe() {
            if (histogram.count() == 0) {
                return "no records in the histogram (is the service built with its buckets?)";
            }
            return String.format("p50 %s, p95 %s, p99 %s, max bucket %s; within 20 ms: %.2f %% (%,d of %,d)",
                    ms(histogram.quantile(0.5), histogram.quantileBound(0.5)),
                    ms(histogram.quantile(0.95), histogram.quantileBound(0.95)),
                    ms(histogram.quantile(0.99), histogram.quantileBound(0.99)),
                    bound(histogram.quantileBound(1.0)), histogram.shareAtMost(TARGET_SECONDS) * 100,
                    Math.round(histogram.shareAtMost(TARGET_SECONDS) * histogram.count()), histogram.count());
        }

        private static String ms(double seconds, double bucketBound) {
            return String.format("%.1f ms [<= %s]", seconds * 1e3, bound(bucketBound));
        }

        private static String bound(double seconds) {
            return Double.isInfinite(seconds) ? "+Inf" : String.format("%.1f ms", seconds * 1e3);
        }
    }

    private static RoundLatency latency(PrometheusText before, PrometheusText after, String name) {
        return new RoundLatency(BucketHistogram.of(after, name).since(BucketHistogram.of(before, name)));
    }

    /** The records the service's latency timer has counted so far. */
    static long timerCount(PrometheusText page) {
        return Math.round(page.sum(DURATION + "_count", Map.of()));
    }

    /** How much every series of one name (any labels) grew between two scrapes. */
    private static double since(PrometheusText before, PrometheusText after, String name) {
        return after.sum(name, Map.of()) - before.sum(name, Map.of());
    }

    /** The service JVM's collector pauses in the round, from its own jvm_gc_pause timer. */
    private static String gcPauses(PrometheusText before, PrometheusText after) {
        long pauses = Math.round(since(before, after, "jvm_gc_pause_seconds_count"));
        double seconds = since(before, after, "jvm_gc_pause_seconds_sum");
        return String.format("%,d GC pauses, %.0f ms in all (%.1f ms each on average)", pauses, seconds * 1e3,
                pauses == 0 ? 0 : seconds * 1e3 / pauses);
    }

    private static PrometheusText scrape(StackLayout layout) throws Exception {
        return PrometheusText.parse(get(layout.baseUrl(SERVICE) + "/q/metrics"));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static double micros(Map<String, Duration> before, Map<String, Duration> after, String part) {
        return (after.getOrDefault(part, Duration.ZERO).toNanos() - before.getOrDefault(part, Duration.ZERO).toNanos()) / 1e3;
    }

    private static String busiest(Map<String, Double> threads, double n) {
        return threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / n)).collect(Collectors.joining(", "));
    }

    private static void summary(List<Round> rounds, String version, PrintStream out) {
        out.printf("%nSummary (policy %s; latency inside the service, bucket-interpolated; CPU µs per decision: service "
                + "JVM / Kafka / PostgreSQL, benchmark JVM apart)%n", version);
        out.println("| round | incidents | offered | decisions/s | reserved | p50 / p95 / p99 (ms) | <= 20 ms | CPU service (JIT) / Kafka / PostgreSQL (µs) | two cores allow | benchmark JVM (µs) | load average |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Round r : rounds) {
            double stack = r.cpuServiceUs() + r.cpuKafkaUs() + r.cpuPostgresUs();
            out.printf("| %s | %,d | %s | %,.0f | %,d | %.1f / %.1f / %.1f | %.2f %% | %.0f (%.0f) / %.0f / %.0f | %,.0f/s | %.0f | %s |%n",
                    r.label(), r.incidents(), r.offeredRate() > 0 ? String.format("%,d/s", r.offeredRate()) : "at once",
                    r.rate(), r.reserved(), r.p50() * 1e3, r.p95() * 1e3, r.p99() * 1e3, r.within20() * 100,
                    r.cpuServiceUs(), r.cpuJitUs(), r.cpuKafkaUs(), r.cpuPostgresUs(), stack > 0 ? 2e6 / stack : 0,
                    r.cpuBenchUs(), r.load());
        }
    }

    /**
     * The decision database's committed transactions and the server's WAL flushes so far (PostgreSQL's cumulative
     * statistics, which a backend reports at most once a second: approximate over a round).
     */
    private static long[] commitsAndWalSyncs(Connection db) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("""
                select (select xact_commit from pg_stat_database where datname = current_database()),
                       (select wal_sync from pg_stat_wal)""")) {
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        }
    }

    /** CPU seconds the whole machine has been busy (every core, any process), from /proc/stat. */
    private static double machineBusySeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The service JVM's command-line options (heap, collector), from /proc. */
    private static String jvmOptions(long pid) {
        try {
            String[] parts = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
            String options = Stream.of(parts).filter(p -> p.startsWith("-X")).collect(Collectors.joining(" "));
            return options + (options.contains("TieredStopAtLevel") || options.contains("TieredCompilation")
                    ? " (JIT as these options say)" : " (default JIT: tiered C1 and C2)");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Connection connect(StackLayout layout) throws Exception {
        return DriverManager.getConnection(layout.jdbcUrl("decision"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static long count(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * CPU time of a JVM's threads by name (a pool's number dropped, so its threads add up), from /proc (Linux): which
     * threads a decision's CPU goes to, the JIT compiler's and the collector's apart. A thread that ended between two
     * readings is missing from the second.
     */
    static final class ThreadCpu {

        private ThreadCpu() {
        }

        /** Per thread id: name and CPU nanoseconds so far. */
        static Map<String, Long> of(long pid) {
            Map<String, Long> byThread = new TreeMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        // fields[0] is field 3; utime and stime are fields 14 and 15, in ticks of 10 ms.
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        byThread.put(task.getFileName() + "\t" + name, ticks * 10_000_000L);
                    } catch (IOException | RuntimeException e) {
                        // The thread ended while being read.
                    }
                }
            } catch (IOException e) {
                // Not Linux, or the process ended: no split.
            }
            return byThread;
        }

        /** Microseconds of CPU per thread name between two readings. */
        static Map<String, Double> since(Map<String, Long> before, Map<String, Long> after) {
            Map<String, Double> byName = new TreeMap<>();
            after.forEach((thread, nanos) -> {
                // A pool's threads end in their number ("GC Thread#1", "executor-thread-3"); "C2 CompilerThre" keeps its 2.
                String name = thread.substring(thread.indexOf('\t') + 1).replaceAll("[#-]?[0-9]+$", "").trim();
                double micros = (nanos - before.getOrDefault(thread, 0L)) / 1e3;
                byName.merge(name, micros, Double::sum);
            });
            return byName;
        }
    }
}
