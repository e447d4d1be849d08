package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.testsupport.PostgresServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code ./stack bench-fulfilment [--commands N]}: commands per second fulfillment-service executes end to end (command
 * on Kafka, refund at the simulated payment provider over HTTP, every step recorded and published), once with the
 * simulators answering at once and once with 50 ms of provider latency. A throw-away stack (PostgreSQL, Kafka,
 * fulfillment-service and the two simulators) on free ports in a temporary directory. A measurement, not a test.
 */
public final class FulfilmentBenchmark {

    static final String USAGE = "./stack bench-fulfilment [--commands N]";
    private static final String SERVICE = "fulfillment-service";
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);

    private FulfilmentBenchmark() {
    }

    public static int run(Path repoRoot, List<String> args, PrintStream out) throws Exception {
        int commands = 10_000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--commands") && i + 1 < args.size()) {
                commands = Integer.parseInt(args.get(++i).replace("_", ""));
            } else {
                System.err.println("usage: " + USAGE);
                return 2;
            }
        }
        Path dataDir = Files.createTempDirectory("goodwill-bench-fulfilment");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(SERVICE, freePort());
        ports.put(StackLayout.PAYMENT_PROVIDER, freePort());
        ports.put(StackLayout.WAREHOUSE, freePort());
        StackLayout layout = new StackLayout(repoRoot, dataDir, freePort(), freePort(), freePort(), ports);
        try (LocalStack stack = LocalStack.start(layout, out)) {
            warmUp(layout, out);
            for (long latencyMs : new long[]{0, 50}) {
                setLatency(layout, latencyMs);
                measure(stack, commands, latencyMs, out);
            }
            return 0;
        } finally {
            deleteQuietly(dataDir);
        }
    }

    /** Until the service's hot code is compiled: the JIT's own CPU time would otherwise count against the first run. */
    private static final int WARM_UP = 2_000;

    private static void warmUp(StackLayout layout, PrintStream out) throws Exception {
        out.printf("Warming up with %,d commands ...%n", WARM_UP);
        send(layout, WARM_UP, "warm");
        awaitFinished(layout, WARM_UP);
    }

    private static void measure(LocalStack stack, int n, long latencyMs, PrintStream out) throws Exception {
        StackLayout layout = stack.layout();
        long before = finished(layout);
        Map<String, Duration> cpuBefore = stack.cpuTimes();
        long t0 = System.nanoTime();
        send(layout, n, "l" + latencyMs);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        awaitFinished(layout, before + n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Duration> cpuAfter = stack.cpuTimes();
        out.printf("Provider latency %3d ms: %,d refunds executed end to end in %.1f s = %,.0f commands/s "
                        + "(sent in %.1f s; load average %s)%n", latencyMs, n, seconds, n / seconds, sendSeconds,
                loadAverage());
        // What each part of the stack spent per command: on a shared machine the rate says little, this does.
        StringBuilder perCommand = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Duration> after : cpuAfter.entrySet()) {
            double ms = (after.getValue().toNanos() - cpuBefore.getOrDefault(after.getKey(), Duration.ZERO).toNanos()) / 1e6 / n;
            total += ms;
            perCommand.append(String.format(", %s %.2f", after.getKey(), ms));
        }
        out.printf("    CPU ms per command: %.2f in all%s (two cores idle would allow about %,.0f commands/s)%n", total,
                perCommand, total > 0 ? 2_000 / total : 0);
    }

    private static void send(StackLayout layout, int n, String run) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                String id = run + "-" + UUID.randomUUID();
                CompensationRequested command = new CompensationRequested(id, "dec-" + id, "inc-" + id, "ord-" + id,
                        "cust-" + (i % 5000), Instrument.PARTIAL_REFUND, Money.of(100 + i % 900, "EUR"), "goodwill-" + id, now);
                EventEnvelope event = EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/bench", command.orderId(), now,
                        command.incidentId(), "bench-" + id, command);
                producer.send(new ProducerRecord<>(Topics.COMPENSATION_COMMANDS, command.orderId(), EventCodec.toJson(event)));
            }
            producer.flush();
        }
    }

    private static void awaitFinished(StackLayout layout, long target) throws Exception {
        // One connection for all the polls: a connection per poll would start a PostgreSQL backend ten times a second,
        // CPU the measurement would count against the service's database.
        try (Connection db = DriverManager.getConnection(layout.jdbcUrl("fulfillment"), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            awaitFinished(db, target);
        }
    }

    private static void awaitFinished(Connection db, long target) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long done = finished(db);
            if (done >= target) {
                return;
            }
            if (done != last) {
                last = done;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STUCK_AFTER.toNanos()) {
                throw new IllegalStateException("stuck at " + done + " of " + target + " finished commands");
            }
            Thread.sleep(200);
        }
    }

    /** Commands in a final state: their last step is committed and its event is in the outbox. */
    private static long finished(StackLayout layout) throws Exception {
        try (Connection db = DriverManager.getConnection(layout.jdbcUrl("fulfillment"), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            return finished(db);
        }
    }

    private static long finished(Connection db) throws Exception {
        try (Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from compensation_command where status in "
                     + "('SUCCEEDED', 'FAILED', 'FULFILLED_BY_FALLBACK')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void setLatency(StackLayout layout, long latencyMs) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        layout.baseUrl(StackLayout.PAYMENT_PROVIDER) + "/admin/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":" + latencyMs + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("simulator refused the latency: " + response.body());
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + dir + ": " + e.getMessage());
        }
    }
}
