package com.goodwill.audit.bench;

import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainVerifier;
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
 * SHA-256 chain, entry and facets inserted under the append lock), connected as goodwill_audit_writer, one commit per
 * batch. Verification is {@link ChainVerifier#verify(Connection)}, the walk behind {@code /api/ledger/verification},
 * and the Merkle root is {@link MerkleTree#root} over {@link LedgerTree#leafOf} as behind {@code /api/ledger/tree-head}.
 */
public final class LedgerBenchmark {

    static final String USAGE = "LedgerBenchmark <jdbc-url of an empty database> [--owner USER] [--owner-password PW]"
            + " [--appends N] [--batch B] [--single N] [--entries N]";
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
        new LedgerBenchmark(args[0], System.out).run(
                options.getOrDefault("--owner", "postgres"),
                options.getOrDefault("--owner-password", "postgres"),
                Integer.parseInt(options.getOrDefault("--appends", "200000")),
                Integer.parseInt(options.getOrDefault("--batch", "100")),
                Integer.parseInt(options.getOrDefault("--single", "20000")),
                Integer.parseInt(options.getOrDefault("--entries", "1000000")));
    }

    private void run(String owner, String ownerPassword, int appends, int batch, int single, int entries)
            throws SQLException {
        Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("classpath:db/migration", "classpath:db/service-kit")
                .placeholders(Map.of("writer_password", WRITER_PASSWORD))
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, WRITER, WRITER_PASSWORD)) {
            connection.setAutoCommit(false);
            out.printf("ledger benchmark (%d cores, %s, connected as %s)%n", Runtime.getRuntime().availableProcessors(),
                    serverVersion(connection), WRITER);
            long existing = size(connection);
            if (existing > 0) {
                out.printf("  the database holds %,d entries already; they count towards the %,d to verify%n",
                        existing, entries);
            }

            Rate batched = append(connection, appends, batch);
            Rate perRecord = append(connection, single, 1);
            out.printf("  appends, %d per transaction: %,d in %.2f s = %,.0f/s%n", batch, batched.count(),
                    seconds(batched.elapsed()), batched.perSecond());
            out.printf("  appends, 1 per transaction (as the service's consumer commits): %,d in %.2f s = %,.0f/s%n",
                    perRecord.count(), seconds(perRecord.elapsed()), perRecord.perSecond());

            long fill = entries - size(connection);
            if (fill > 0) {
                out.printf("  filling to %,d entries (%,d more, 1,000 per transaction, not measured) ...%n", entries, fill);
                append(connection, (int) fill, 1000);
            }

            long t0 = System.nanoTime();
            ChainVerification verification = ChainVerifier.verify(connection);
            Duration verify = Duration.ofNanos(System.nanoTime() - t0);
            connection.commit();
            out.printf("  verification from PostgreSQL (ChainVerifier): %,d entries in %.2f s, intact %s%n",
                    verification.entriesChecked(), seconds(verify), verification.intact());

            Duration[] hashing = hashingWithoutTheDatabase(connection);
            out.printf("  hashing alone (RFC 8785 + SHA-256 chain, payloads in memory): %.2f s for %,d entries%n",
                    seconds(hashing[0]), verification.entriesChecked());

            Duration[] merkle = merkleRoot(connection);
            out.printf("  Merkle root over %,d entries: reading the hashes %.2f s, computing the root %.2f s%n",
                    verification.entriesChecked(), seconds(merkle[0]), seconds(merkle[1]));

            out.println();
            out.printf("ledger benchmark summary%n");
            out.printf("  appends: %,.0f/s at %d per transaction, %,.0f/s at 1 per transaction (target %,d/s sustained)%n",
                    batched.perSecond(), batch, perRecord.perSecond(), APPEND_TARGET);
            out.printf("  verify %,d entries: %.2f s from PostgreSQL, %.2f s hashing alone (target < %d s)%n",
                    verification.entriesChecked(), seconds(verify), seconds(hashing[0]), VERIFY_TARGET.toSeconds());
            out.printf("  Merkle root over %,d entries: %.2f s (%.2f s of it reading)%n", verification.entriesChecked(),
                    seconds(merkle[0].plus(merkle[1])), seconds(merkle[0]));
        }
    }

    private record Rate(long count, Duration elapsed) {
        double perSecond() {
            return count / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Appends {@code count} fresh events, {@code batch} per transaction; only the appending is timed. */
    private Rate append(Connection connection, int count, int batch) throws SQLException {
        long elapsed = 0;
        int appended = 0;
        while (appended < count) {
            List<LedgerWriter.Received> records = events(Math.min(batch, count - appended));
            long t0 = System.nanoTime();
            appended += LedgerWriter.append(connection, records, Instant.now());
            connection.commit();
            elapsed += System.nanoTime() - t0;
        }
        return new Rate(appended, Duration.ofNanos(elapsed));
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

    /**
     * The chain recomputed from payloads already in memory, read in slices so that a million payloads need not fit
     * the heap at once; only the hashing is timed.
     */
    private static Duration[] hashingWithoutTheDatabase(Connection connection) throws SQLException {
        final int slice = 100_000;
        long hashing = 0;
        String previous = LedgerHash.GENESIS;
        long from = 1;
        while (true) {
            List<String> payloads = new ArrayList<>(slice);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select payload from ledger_entry where sequence >= ? and sequence < ? order by sequence")) {
                statement.setLong(1, from);
                statement.setLong(2, from + slice);
                statement.setFetchSize(10_000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        payloads.add(rs.getString(1));
                    }
                }
            }
            connection.commit();
            if (payloads.isEmpty()) {
                return new Duration[]{Duration.ofNanos(hashing)};
            }
            long t0 = System.nanoTime();
            for (String payload : payloads) {
                previous = LedgerHash.chain(previous, payload);
            }
            hashing += System.nanoTime() - t0;
            from += slice;
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
