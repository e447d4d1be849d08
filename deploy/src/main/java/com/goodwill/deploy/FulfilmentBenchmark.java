package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.testsupport.PostgresServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code ./stack bench-fulfilment [--commands N]}: commands per second fulfillment-service executes end to end (command
 * on Kafka, refund at the simulated payment provider over HTTP, every step recorded and published, and the customer
 * told: the refund's announcement and its booking, each a mail rendered in the customer's language and delivered to
 * the stack's SMTP server), once with the simulators answering at once and once with 50 ms of provider latency. Every
 * command's order is placed first (with the customer's address, name and language, on the order topic the service
 * keeps its contact book from), as in the real flow where the order precedes the complaint. A throw-away stack
 * (PostgreSQL, Kafka, fulfillment-service, the two simulators and the SMTP server) on free ports in a temporary
 * directory. A measurement, not a test.
 */
public final class FulfilmentBenchmark {

    static final String USAGE = "./stack bench-fulfilment [--commands N]";
    private static final String SERVICE = "fulfillment-service";
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);
    /** Customers the benchmark's orders belong to, each with a mailbox at the stack's SMTP server. */
    private static final int CUSTOMERS = 5_000;
    /** A refund's messages: announced when it starts, booked when the provider accepted it. */
    private static final int MAILS_PER_COMMAND = 2;

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
        ports.put(SERVICE, ThisMachine.freePort());
        ports.put(StackLayout.PAYMENT_PROVIDER, ThisMachine.freePort());
        ports.put(StackLayout.WAREHOUSE, ThisMachine.freePort());
        StackLayout layout = new StackLayout(repoRoot, dataDir, ThisMachine.freePort(), ThisMachine.freePort(), ThisMachine.freePort(), ports);
        try (LocalStack stack = LocalStack.start(layout, out)) {
            warmUp(layout, out);
            stack.mailServer().purge();
            for (long latencyMs : new long[]{0, 50}) {
                setLatency(layout, latencyMs);
                measure(stack, commands, latencyMs, out);
            }
            return 0;
        } finally {
            ThisMachine.deleteTree(dataDir);
        }
    }

    /** Until the service's hot code is compiled: the JIT's own CPU time would otherwise count against the first run. */
    private static final int WARM_UP = 2_000;

    private static void warmUp(StackLayout layout, PrintStream out) throws Exception {
        out.printf("Warming up with %,d commands ...%n", WARM_UP);
        List<String> orders = placeOrders(layout, WARM_UP, "warm");
        send(layout, orders);
        awaitFinished(layout, WARM_UP);
        awaitMailsSent(layout);
    }

    private static void measure(LocalStack stack, int n, long latencyMs, PrintStream out) throws Exception {
        StackLayout layout = stack.layout();
        // The orders come first, outside the measurement: in the real flow they are placed days before a complaint.
        List<String> orders = placeOrders(layout, n, "l" + latencyMs);
        long before = finished(layout);
        Map<String, Long> messagesBefore = messages(layout);
        Map<String, Long> commandsBefore = byStatus(layout, COMMANDS_BY_STATUS);
        int deliveredBefore = stack.mailServer().received().size();
        Map<String, Duration> cpuBefore = stack.cpuTimes();
        Duration benchCpuBefore = ThisMachine.ownCpu();
        long t0 = System.nanoTime();
        send(layout, orders);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        awaitFinished(layout, before + n);
        double commandSeconds = (System.nanoTime() - t0) / 1e9;
        awaitMailsSent(layout);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Duration> cpuAfter = stack.cpuTimes();
        Duration benchCpu = ThisMachine.ownCpu().minus(benchCpuBefore);
        int delivered = stack.mailServer().received().size() - deliveredBefore;
        Map<String, Long> messagesAfter = messages(layout);
        Map<String, Long> commands = since(commandsBefore, byStatus(layout, COMMANDS_BY_STATUS));
        out.printf("Provider latency %3d ms: %,d refunds executed end to end and their customers told in %.1f s = %,.0f "
                        + "commands/s (all commands in a final state after %.1f s = %,.0f/s; sent in %.1f s; load average %s on %d cores)%n",
                latencyMs, n, seconds, n / seconds, commandSeconds, n / commandSeconds, sendSeconds, ThisMachine.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        // A refund that failed (the provider timed out until the retries or the circuit breaker gave up) is final but
        // not executed, and its customer gets no "booked" mail: the figures above hold only if there are none.
        long notExecuted = n - commands.getOrDefault("SUCCEEDED", 0L);
        out.printf("    Commands by final state: %s%s%n", listed(commands),
                notExecuted == 0 ? "" : String.format(" (%,d of %,d not executed: the rates above overstate)", notExecuted, n));
        out.printf("    Mails delivered to the SMTP server: %,d (%d per command expected: %,d); customer messages %s%n",
                delivered, MAILS_PER_COMMAND, (long) MAILS_PER_COMMAND * n, listed(since(messagesBefore, messagesAfter)));
        // What each part of the stack spent per command: on a shared machine the rate says little, this does.
        StringBuilder perCommand = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Duration> after : cpuAfter.entrySet()) {
            double ms = (after.getValue().toNanos() - cpuBefore.getOrDefault(after.getKey(), Duration.ZERO).toNanos()) / 1e6 / n;
            total += ms;
            perCommand.append(String.format(", %s %.2f", after.getKey(), ms));
        }
        out.printf("    CPU ms per command: %.2f in all%s (two cores idle would allow about %,.0f commands/s); "
                        + "not counted: the SMTP server with this benchmark's driver, %.2f%n", total,
                perCommand, total > 0 ? 2_000 / total : 0, benchCpu.toNanos() / 1e6 / n);
        // The SMTP server keeps every mail in memory: counted, they can go.
        stack.mailServer().purge();
    }

    /**
     * Places one order per command on the order topic, each with a customer's address, name and language (German
     * for the German market, English for the British), and waits until the service has them in its contact book.
     *
     * @return the orders' ids
     */
    private static List<String> placeOrders(StackLayout layout, int n, String run) throws Exception {
        List<String> orders = new ArrayList<>(n);
        long contactsBefore = count(layout, "select count(*) from customer_contact");
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = producer(layout)) {
            for (int i = 0; i < n; i++) {
                String orderId = "ord-" + run + "-" + UUID.randomUUID();
                int customer = i % CUSTOMERS;
                boolean german = customer % 2 == 0;
                Money value = Money.of(2_000 + i % 9_000, german ? "EUR" : "GBP");
                OrderPlaced placed = new OrderPlaced(orderId + "-placed", orderId, "cust-" + customer,
                        german ? "DE" : "GB", "web", "card", value, List.of(new OrderItem("SKU-" + (i % 50), 1, value)),
                        now.plus(2, ChronoUnit.DAYS), now.minus(3, ChronoUnit.DAYS),
                        "cust-" + customer + "@bench.goodwill.example", german ? "de" : "en", null, null, null,
                        (german ? "Kundin " : "Customer ") + customer);
                EventEnvelope event = EventCodec.wrap(EventTypes.ORDER_PLACED, "/bench", orderId, placed.occurredAt(),
                        orderId, null, placed);
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS, orderId, EventCodec.toJson(event)));
                orders.add(orderId);
            }
            producer.flush();
        }
        try (Connection db = connect(layout)) {
            awaitCount(db, "select count(*) from customer_contact", contactsBefore + n, "contacts");
        }
        return orders;
    }

    private static void send(StackLayout layout, List<String> orders) throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = producer(layout)) {
            for (int i = 0; i < orders.size(); i++) {
                String orderId = orders.get(i);
                String id = "cmd-" + orderId.substring("ord-".length());
                CompensationRequested command = new CompensationRequested(id, "dec-" + id, "inc-" + id, orderId,
                        "cust-" + (i % CUSTOMERS), Instrument.PARTIAL_REFUND, Money.of(100 + i % 900, "EUR"), "goodwill-" + id, now);
                EventEnvelope event = EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/bench", command.orderId(), now,
                        command.incidentId(), "bench-" + id, command);
                producer.send(new ProducerRecord<>(Topics.COMPENSATION_COMMANDS, command.orderId(), EventCodec.toJson(event)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, String> producer(StackLayout layout) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Connection connect(StackLayout layout) throws Exception {
        return DriverManager.getConnection(layout.jdbcUrl("fulfillment"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** Until no customer message waits to be sent: every one of them is delivered, failed or without a contact. */
    private static void awaitMailsSent(StackLayout layout) throws Exception {
        try (Connection db = connect(layout)) {
            long waiting = count(db, "select count(*) from customer_message where status = 'PENDING'");
            long last = waiting;
            long lastChange = System.nanoTime();
            while (waiting > 0) {
                if (waiting != last) {
                    last = waiting;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STUCK_AFTER.toNanos()) {
                    throw new IllegalStateException("stuck with " + waiting + " customer messages waiting to be sent");
                }
                Thread.sleep(200);
                waiting = count(db, "select count(*) from customer_message where status = 'PENDING'");
            }
        }
    }

    /** Commands in a final state. */
    private static final String FINISHED =
            "select count(*) from compensation_command where status in ('SUCCEEDED', 'FAILED', 'FULFILLED_BY_FALLBACK')";

    private static void awaitCount(Connection db, String query, long target, String what) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long done = count(db, query);
            if (done >= target) {
                return;
            }
            if (done != last) {
                last = done;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STUCK_AFTER.toNanos()) {
                throw new IllegalStateException("stuck at " + done + " of " + target + " " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The customer messages by status. */
    private static Map<String, Long> messages(StackLayout layout) throws Exception {
        return byStatus(layout, "select status, count(*) from customer_message group by status order by status");
    }

    /** The commands by status. */
    private static final String COMMANDS_BY_STATUS =
            "select status, count(*) from compensation_command group by status order by status";

    private static Map<String, Long> byStatus(StackLayout layout, String query) throws Exception {
        try (Connection db = connect(layout); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            while (rows.next()) {
                byStatus.put(rows.getString(1), rows.getLong(2));
            }
            return byStatus;
        }
    }

    /** What came to each status between the two counts. */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((status, count) -> {
            long more = count - before.getOrDefault(status, 0L);
            if (more != 0) {
                added.put(status, more);
            }
        });
        return added;
    }

    private static String listed(Map<String, Long> byStatus) {
        StringBuilder listed = new StringBuilder();
        byStatus.forEach((status, count) -> listed.append(listed.isEmpty() ? "" : ", ").append(status).append(' ')
                .append(String.format("%,d", count)));
        return listed.toString();
    }

    private static long count(StackLayout layout, String query) throws Exception {
        try (Connection db = connect(layout)) {
            return count(db, query);
        }
    }

    private static long count(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
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
        awaitCount(db, FINISHED, target, "finished commands");
    }

    /** Commands in a final state: their last step is committed and its event is in the outbox. */
    private static long finished(StackLayout layout) throws Exception {
        try (Connection db = DriverManager.getConnection(layout.jdbcUrl("fulfillment"), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            return finished(db);
        }
    }

    private static long finished(Connection db) throws Exception {
        return count(db, FINISHED);
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
}
