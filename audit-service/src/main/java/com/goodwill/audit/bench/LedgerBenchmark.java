package com.goodwill.audit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.ledger.CanonicalJson;
import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainWalk;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.ledger.LedgerWriter;
import com.goodwill.audit.ledger.MerkleTree;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.Shipment;
import org.erdtman.jcs.JsonCanonicalizer;
import org.flywaydb.core.Flyway;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast the ledger appends and verifies, on a PostgreSQL database of its own (empty, or one it made
 * before; {@code ./stack bench-ledger} starts a throw-away server and passes it). A measurement, not a test: the
 * exit code is 0 whether or not the targets are met.
 *
 * <p>Appends run through {@link LedgerWriter}, the code the service appends with (parse, RFC 8785 canonical form,
 * SHA-256 chain, entries and facets inserted under the append lock), connected as goodwill_audit_writer, one commit
 * per batch, at each batch size asked for (the service's consumer appends one Kafka poll, up to 500 records, per
 * transaction). Verification is {@link ChainWalk#verify(ChainWalk.Connections)}, the parallel walk behind
 * {@code /api/ledger/verification}; a profile then times each of its steps alone on one thread. The Merkle root is
 * {@link MerkleTree#root} over {@link LedgerTree#leafOf} as behind {@code /api/ledger/tree-head}. Every figure is
 * printed with the machine's load average, since a shared machine's figures mean little without it.
 */
public final class LedgerBenchmark {

    static final String USAGE = "LedgerBenchmark <jdbc-url of an empty database> [--owner USER] [--owner-password PW]"
            + " [--appends N] [--batch B[,B...]] [--single N] [--entries N] [--profile N] [--warmup N]";
    private static final int APPEND_TARGET = 10_000;
    private static final Duration VERIFY_TARGET = Duration.ofSeconds(10);
    private static final String WRITER = "goodwill_audit_writer";
    /** The server trusts loopback connections; a password only for servers that ask. */
    private static final String WRITER_PASSWORD = "goodwill-audit-bench";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String SOURCE = "/goodwill/bench";
    private static final Money VALUE = Money.of(12_999, "EUR");
    private static final String[] CARRIERS = {"DHL", "UPS", "GLS"};
    private static final String[] MARKETS = {"DE", "FR", "NL"};

    private final String jdbcUrl;
    private final PrintStream out;
    private long generated;

    private LedgerBenchmark(String jdbcUrl, PrintStream out) {
        this.jdbcUrl = jdbcUrl;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("usage: " + USAGE);
            System.exit(2);
        }
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        List<Integer> batches = new ArrayList<>();
        for (String batch : options.getOrDefault("--batch", "10,100,500,1000").split(",")) {
            batches.add(Integer.parseInt(batch.trim()));
        }
        new LedgerBenchmark(args[0], System.out).run(
                options.getOrDefault("--owner", "postgres"),
                options.getOrDefault("--owner-password", "postgres"),
                Integer.parseInt(options.getOrDefault("--appends", "100000")),
                batches,
                Integer.parseInt(options.getOrDefault("--single", "5000")),
                Integer.parseInt(options.getOrDefault("--entries", "1000000")),
                Integer.parseInt(options.getOrDefault("--profile", "100000")),
                Integer.parseInt(options.getOrDefault("--warmup", "20000")));
    }

    private void run(String owner, String ownerPassword, int appends, List<Integer> batches, int single, int entries,
                     int profile, int warmup) throws SQLException {
        Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("classpath:db/migration", "classpath:db/service-kit")
                .placeholders(Map.of("writer_password", WRITER_PASSWORD))
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, WRITER, WRITER_PASSWORD)) {
            connection.setAutoCommit(false);
            out.printf("ledger benchmark (%d cores, %s, connected as %s, load average %s)%n",
                    Runtime.getRuntime().availableProcessors(), serverVersion(connection), WRITER, loadAverage());
            long existing = size(connection);
            if (existing > 0) {
                out.printf("  the database holds %,d entries already; they count towards the %,d to verify%n",
                        existing, entries);
            }

            if (warmup > 0) {
                // Without it the first figures measure the JIT compiler: the first 2,000 single appends took ten times
                // the JVM time per entry of later ones.
                Rate warm = append(connection, warmup, 1000);
                out.printf("  warm-up (not counted): %,d appends, 1,000 per transaction, %.2f s (load average %s)%n",
                        warm.count(), seconds(warm.elapsed()), loadAverage());
            }
            Map<Integer, Rate> rates = new java.util.LinkedHashMap<>();
            if (single > 0) {
                rates.put(1, append(connection, single, 1));
                report(1, rates.get(1));
            }
            for (int batch : batches) {
                if (batch > 1) {
                    rates.put(batch, append(connection, appends, batch));
                    report(batch, rates.get(batch));
                }
            }

            long fillFrom = size(connection);
            long fill = entries - fillFrom;
            Rate filled = null;
            if (fill > 0) {
                // The fill is the same append path, long enough to show the sustained rate as the ledger grows.
                out.printf("  filling to %,d entries (%,d more, 1,000 per transaction) ...%n", entries, fill);
                filled = append(connection, (int) fill, 1000);
                out.printf("  appends while filling from %,d to %,d entries, 1,000 per transaction: %,d in %.2f s"
                                + " = %,.0f/s (load average %s)%n", fillFrom, entries, filled.count(),
                        seconds(filled.elapsed()), filled.perSecond(), loadAverage());
                out.printf("    %s%n", filled.cpu().perEntry(filled.count()));
            }

            String loadBefore = loadAverage();
            // The walk reads over connections of its own, whose server processes end with it: their CPU time is
            // what the server's main process has collected from its ended children.
            int backend = backendPid(connection);
            Cpu cpuBefore = Cpu.ofEndedBackends(backend);
            connection.commit();
            long t0 = System.nanoTime();
            ChainVerification verification = ChainWalk.verify(() -> DriverManager.getConnection(jdbcUrl, WRITER, WRITER_PASSWORD));
            Duration verify = Duration.ofNanos(System.nanoTime() - t0);
            Cpu verifyCpu = Cpu.ofEndedBackends(backend).minus(cpuBefore);
            out.printf("  verification from PostgreSQL (ChainWalk, %d ranges read side by side, %d workers): %,d entries"
                            + " in %.2f s, intact %s (load average before %s)%n",
                    ChainWalk.rangesFor(verification.entriesChecked()),
                    Runtime.getRuntime().availableProcessors(), verification.entriesChecked(), seconds(verify),
                    verification.intact(), loadBefore);
            int cores = Runtime.getRuntime().availableProcessors();
            if (verifyCpu.serverNanos() >= 0) {
                // Reading, hashing and serving run at once on all cores: on an idle machine the CPU time spreads over them.
                out.printf("    CPU: JVM %.2f s + PostgreSQL %.2f s = at best %.2f s on %d idle cores%n",
                        verifyCpu.jvmNanos() / 1e9, verifyCpu.serverNanos() / 1e9,
                        (verifyCpu.jvmNanos() + verifyCpu.serverNanos()) / 1e9 / cores, cores);
            }

            Profile where = profile(connection, profile);
            out.printf("  where verification time goes, one thread, first %,d entries (microseconds per entry):%n",
                    where.entries());
            out.printf("    reading the rows over JDBC %.1f | JSON parsing %.1f | RFC 8785 writing %.1f | SHA-256 %.1f"
                            + " | envelope attributes for the column check %.1f%n", where.jdbc(), where.parse(), where.canonical(),
                    where.sha256(), where.envelope());
            out.printf("    canonical form with the reference implementation (erdtman JCS 1.1), for comparison: %.1f%n",
                    where.reference());

            Duration[] merkle = merkleRoot(connection);
            out.printf("  Merkle root over %,d entries: reading the hashes %.2f s, computing the root %.2f s%n",
                    verification.entriesChecked(), seconds(merkle[0]), seconds(merkle[1]));

            out.println();
            out.printf("ledger benchmark summary (load average now %s)%n", loadAverage());
            rates.forEach((batch, rate) -> out.printf("  appends, %,d per transaction: %,.0f/s (%s)%n", batch,
                    rate.perSecond(), rate.cpu().perEntry(rate.count())));
            if (filled != null) {
                out.printf("  appends while filling from %,d to %,d entries, 1,000 per transaction: %,.0f/s (%s)%n",
                        fillFrom, entries, filled.perSecond(), filled.cpu().perEntry(filled.count()));
            }
            out.printf("  (target %,d/s sustained)%n", APPEND_TARGET);
            out.printf("  verify %,d entries: %.2f s from PostgreSQL (target < %d s for 1,000,000)%n",
                    verification.entriesChecked(), seconds(verify), VERIFY_TARGET.toSeconds());
            out.printf("  Merkle root over %,d entries: %.2f s (%.2f s of it reading)%n", verification.entriesChecked(),
                    seconds(merkle[0].plus(merkle[1])), seconds(merkle[0]));
        }
    }

    private void report(int batch, Rate rate) {
        out.printf("  appends, %,d per transaction: %,d in %.2f s = %,.0f/s (load average %s)%n", batch, rate.count(),
                seconds(rate.elapsed()), rate.perSecond(), loadAverage());
        out.printf("    %s%n", rate.cpu().perEntry(rate.count()));
    }

    private record Rate(long count, Duration elapsed, Cpu cpu) {
        double perSecond() {
            return count / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * CPU time spent by this JVM and by the database server's process serving this connection. Unlike wall time it
     * hardly depends on what else the machine runs, so it tells what a quiet machine would do. The server's share is
     * read from /proc, so only for a server on this machine (else -1).
     */
    private record Cpu(long jvmNanos, long serverNanos) {

        Cpu minus(Cpu earlier) {
            return new Cpu(jvmNanos - earlier.jvmNanos,
                    serverNanos < 0 || earlier.serverNanos < 0 ? -1 : serverNanos - earlier.serverNanos);
        }

        Cpu plus(Cpu other) {
            return new Cpu(jvmNanos + other.jvmNanos,
                    serverNanos < 0 || other.serverNanos < 0 ? -1 : serverNanos + other.serverNanos);
        }

        /** This JVM's CPU time, and the CPU time of the server processes that ended (the backends of closed connections). */
        static Cpu ofEndedBackends(int backendPid) {
            long jvm = processCpuNanos();
            long server;
            try {
                String[] backend = stat(backendPid);
                // ppid is field 4 (index 1 after pid and name): the server's main process; cutime and cstime, fields 16
                // and 17, are its ended children's CPU time.
                String[] main = stat(Integer.parseInt(backend[1]));
                server = (Long.parseLong(main[13]) + Long.parseLong(main[14])) * 10_000_000L;
            } catch (java.io.IOException | RuntimeException e) {
                server = -1;
            }
            return new Cpu(jvm, server);
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static String[] stat(int pid) throws java.io.IOException {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"))
                    .replaceFirst("^.*\\) ", "").split(" ");
        }

        static Cpu now(int backendPid) {
            long jvm = processCpuNanos();
            long server;
            try {
                String[] stat = stat(backendPid);
                // utime and stime, fields 14 and 15 of stat (12 and 13 after pid and name), in clock ticks of 10 ms.
                server = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10_000_000L;
            } catch (java.io.IOException | RuntimeException e) {
                server = -1;
            }
            return new Cpu(jvm, server);
        }

        /**
         * Appends are one connection's round trips, JVM and server mostly taking turns, so their CPU times add up to
         * what one core would need; a batch's preparation runs on all cores before the lock, so with two cores the
         * wall-clock rate can beat that figure.
         */
        String perEntry(long entries) {
            double jvm = jvmNanos / 1e3 / entries;
            if (serverNanos < 0) {
                return String.format("CPU per entry: JVM %.1f us, server unknown", jvm);
            }
            double server = serverNanos / 1e3 / entries;
            return String.format("CPU per entry: JVM %.1f us + PostgreSQL %.1f us = %,.0f/s on one idle core",
                    jvm, server, 1e6 / (jvm + server));
        }
    }

    /** Appends {@code count} fresh events, {@code batch} per transaction; only the appending is timed. */
    private Rate append(Connection connection, int count, int batch) throws SQLException {
        long elapsed = 0;
        int appended = 0;
        int backend = backendPid(connection);
        Cpu used = new Cpu(0, 0);
        while (appended < count) {
            List<LedgerWriter.Received> records = events(Math.min(batch, count - appended));
            // Only the appending counts, not making up the events.
            Cpu before = Cpu.now(backend);
            long t0 = System.nanoTime();
            appended += LedgerWriter.append(connection, records, Instant.now());
            connection.commit();
            elapsed += System.nanoTime() - t0;
            used = used.plus(Cpu.now(backend).minus(before));
        }
        return new Rate(appended, Duration.ofNanos(elapsed), used);
    }

    /**
     * The next events of a synthetic order stream: per order a placement, a shipment, three scans and the delivery,
     * so scans and deliveries take the facets' lookup of their order's customer and market, as in production.
     */
    private List<LedgerWriter.Received> events(int count) {
        List<LedgerWriter.Received> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = generated++;
            long order = n / 6;
            String orderId = "bench-order-" + order;
            String carrier = CARRIERS[(int) (order % CARRIERS.length)];
            String tracking = "BT" + order;
            Instant at = T0.plusSeconds(n);
            String json = switch ((int) (n % 6)) {
                case 0 -> EventCodec.toJson(EventCodec.wrap(EventTypes.ORDER_PLACED, SOURCE, orderId, at, null, null,
                        new OrderPlaced("placed-" + orderId, orderId, "cust-" + (order % 10_000),
                                MARKETS[(int) (order % MARKETS.length)], "web", "card", VALUE,
                                List.of(new OrderItem("SKU-" + (order % 100), 1, VALUE)), at.plus(Duration.ofDays(3)), at)));
                case 1 -> EventCodec.toJson(EventCodec.wrap(EventTypes.ORDER_SHIPPED, SOURCE, orderId, at, null, null,
                        new OrderShipped("shipped-" + orderId, orderId,
                                List.of(new Shipment("shp-" + order, carrier, tracking, "standard", "DE", "DE")), at)));
                case 5 -> EventCodec.toJson(EventCodec.wrap(EventTypes.ORDER_DELIVERED, SOURCE, orderId, at, null, null,
                        new OrderDelivered("delivered-" + orderId, orderId, at)));
                default -> EventCodec.toJson(EventCodec.wrap(EventTypes.CARRIER_TRACKING, SOURCE, orderId, at, null, null,
                        new CarrierEvent("scan-" + n, carrier, tracking, TrackingStatus.IN_TRANSIT, at, "Hub " + (n % 7),
                                null, "IT", "in transit")));
            };
            String topic = n % 6 >= 2 && n % 6 <= 4 ? Topics.CARRIER_EVENTS : Topics.ORDER_EVENTS;
            records.add(new LedgerWriter.Received(topic, (int) (order % 6), n, json));
        }
        return records;
    }

    /** Microseconds per entry of each step of the verification, each timed alone on one thread. */
    private record Profile(long entries, double jdbc, double parse, double canonical, double sha256, double envelope,
                           double reference) {
    }

    /**
     * Where a verification's time goes: the first {@code limit} entries read as {@link ChainWalk} reads them, then
     * each step of its per-entry check over the rows in memory, one after the other (each step's output is the next's
     * input, so each is timed alone).
     */
    private static Profile profile(Connection connection, int limit) throws SQLException {
        List<String> payloads = new ArrayList<>(limit);
        long t0 = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement("""
                select sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time, payload,
                       previous_hash, entry_hash
                from ledger_entry where sequence <= ? order by sequence""")) {
            statement.setLong(1, limit);
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    for (int column = 2; column <= 7; column++) {
                        rs.getString(column);
                    }
                    rs.getObject(8, java.time.OffsetDateTime.class);
                    payloads.add(rs.getString(9));
                    rs.getString(10);
                    rs.getString(11);
                }
            }
        }
        connection.commit();
        long jdbc = System.nanoTime() - t0;
        int n = payloads.size();
        List<JsonNode> trees = new ArrayList<>(n);
        t0 = System.nanoTime();
        for (String payload : payloads) {
            trees.add(CanonicalJson.parse(payload));
        }
        long parse = System.nanoTime() - t0;
        List<String> canonical = new ArrayList<>(n);
        t0 = System.nanoTime();
        for (JsonNode tree : trees) {
            StringBuilder form = new StringBuilder(1024);
            CanonicalJson.write(tree, form);
            canonical.add(form.toString());
        }
        long write = System.nanoTime() - t0;
        String previous = LedgerHash.GENESIS;
        t0 = System.nanoTime();
        for (String form : canonical) {
            previous = LedgerHash.chainCanonical(previous, form);
        }
        long sha = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (JsonNode tree : trees) {
            // As ChainWalk reads them for the column check.
            for (String attribute : new String[]{"id", "type", "subject", "source", "correlationid", "causationid"}) {
                tree.path(attribute).textValue();
            }
            java.time.OffsetDateTime.parse(tree.get("time").textValue()).toInstant();
        }
        long envelope = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (String payload : payloads) {
            try {
                new JsonCanonicalizer(payload).getEncodedString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        long reference = System.nanoTime() - t0;
        double perEntry = Math.max(1, n) * 1_000.0;
        return new Profile(n, jdbc / perEntry, parse / perEntry, write / perEntry, sha / perEntry, envelope / perEntry,
                reference / perEntry);
    }

    /** The machine's load average as uptime prints it (1, 5, 15 minutes), or "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Reading every entry's hash, then the RFC 6962 root over their leaves. */
    private static Duration[] merkleRoot(Connection connection) throws SQLException {
        long t0 = System.nanoTime();
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select entry_hash from ledger_entry order by sequence")) {
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        connection.commit();
        long t1 = System.nanoTime();
        List<byte[]> leaves = new ArrayList<>(hashes.size());
        hashes.forEach(h -> leaves.add(LedgerTree.leafOf(h)));
        byte[] root = MerkleTree.root(leaves);
        long t2 = System.nanoTime();
        HexFormat.of().formatHex(root);
        return new Duration[]{Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1)};
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            connection.commit();
            return pid;
        }
    }

    private static long size(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select coalesce(max(sequence), 0) from ledger_entry")) {
            rs.next();
            long size = rs.getLong(1);
            connection.commit();
            return size;
        }
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('server_version'), current_setting('synchronous_commit')")) {
            rs.next();
            String version = "PostgreSQL " + rs.getString(1) + ", synchronous_commit " + rs.getString(2);
            connection.commit();
            return version;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
