package com.goodwill.audit.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recomputes every entry's hash from its stored event and its predecessor, and checks that the columns queries read
 * (id, type, order, time) still say what the hashed event says.
 *
 * <p>The ledger streams from PostgreSQL in append order, in chunks that worker threads check on their own: an entry's
 * hash depends only on its stored event and the previous hash stored beside it, so each can be recomputed without the
 * entries before it. What links them is then checked in order on the reading thread: each entry's stored previous
 * hash must be the (already recomputed and matching) hash of the entry before it. Together that is exactly the
 * sequential walk, and the first broken entry is named as the walk would name it. Memory stays bounded: only a few
 * chunks are in flight, whatever the ledger's size.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final Logger LOG = Logger.getLogger(ChainVerifier.class);

    /** Rows per round trip of the cursor. */
    private static final int FETCH = 10_000;
    /** Rows per task of a worker. */
    private static final int CHUNK = 2_000;
    private static final String ENTRIES = """
            select sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time, payload,
                   previous_hash, entry_hash
            from ledger_entry order by sequence""";

    private final EntityManager entityManager;
    private final LedgerMetrics metrics;
    private final Clock clock;

    public ChainVerifier(EntityManager entityManager, LedgerMetrics metrics, Clock clock) {
        this.entityManager = entityManager;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Verifies the whole chain and records the outcome in the metrics. */
    @Transactional
    public ChainVerification verify() {
        long t0 = System.nanoTime();
        ChainVerification result = entityManager.unwrap(Session.class).doReturningWork(ChainVerifier::verify);
        metrics.verified(result, clock.instant(), Duration.ofNanos(System.nanoTime() - t0));
        return result;
    }

    /** Keeps "last verification" fresh without anyone asking (goodwill.audit.verification.every). */
    @Scheduled(every = "${goodwill.audit.verification.every}", delayed = "${goodwill.audit.verification.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            ChainVerification result = QuarkusTransaction.requiringNew().call(this::verify);
            if (result.intact()) {
                LOG.infof("Ledger verified: %d entries intact", result.entriesChecked());
            } else {
                LOG.errorf("Ledger verification found entry %d (event %s) broken: %s", result.firstBrokenSequence(),
                        result.firstBrokenEventId(), result.reason());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Scheduled ledger verification failed; the next run tries again");
        }
    }

    /**
     * The walk itself, on a connection outside auto-commit (PostgreSQL streams a result with a cursor only inside a
     * transaction; otherwise it reads the whole ledger into memory first), with one worker per core.
     */
    public static ChainVerification verify(Connection connection) throws SQLException {
        int workers = Runtime.getRuntime().availableProcessors();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "ledger-verifier-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            return verify(connection, pool, 2 * workers + 2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChainVerification verify(Connection connection, ExecutorService pool, int maxInFlight)
            throws SQLException {
        Walk walk = new Walk();
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try (PreparedStatement statement = connection.prepareStatement(ENTRIES)) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                Row[] rows = new Row[CHUNK];
                int n = 0;
                while (rs.next()) {
                    rows[n++] = Row.read(rs);
                    if (n == CHUNK) {
                        Row[] full = rows;
                        inFlight.add(pool.submit(() -> Chunk.check(full, CHUNK)));
                        rows = new Row[CHUNK];
                        n = 0;
                        while (inFlight.size() >= maxInFlight) {
                            ChainVerification broken = walk.link(await(inFlight.poll()));
                            if (broken != null) {
                                return broken;
                            }
                        }
                    }
                }
                if (n > 0) {
                    Row[] last = rows;
                    int size = n;
                    inFlight.add(pool.submit(() -> Chunk.check(last, size)));
                }
            }
        }
        while (!inFlight.isEmpty()) {
            ChainVerification broken = walk.link(await(inFlight.poll()));
            if (broken != null) {
                return broken;
            }
        }
        return new ChainVerification(walk.checked, true, null, null, null);
    }

    private static Chunk await(Future<Chunk> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed: " + e.getCause(), e.getCause());
        }
    }

    /** The in-order part: sequences without gaps, and each entry pointing at its predecessor's hash. */
    private static final class Walk {
        private String previous = LedgerHash.GENESIS;
        private long expectedSequence = 1;
        private long checked;

        ChainVerification link(Chunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                Row row = chunk.rows[i];
                String broken;
                if (row.sequence != expectedSequence) {
                    broken = "sequence " + expectedSequence + " is missing";
                } else if (!previous.equals(row.previousHash)) {
                    broken = "previous hash does not match the entry before it";
                } else {
                    broken = chunk.problems[i];
                }
                if (broken != null) {
                    return new ChainVerification(checked, false, row.sequence, row.eventId, broken);
                }
                previous = row.entryHash;
                expectedSequence++;
                checked++;
            }
            return null;
        }
    }

    /** What one entry's check needs, read off the cursor. */
    private record Row(long sequence, String eventId, String eventType, String source, String subject,
                       String correlationId, String causationId, OffsetDateTime eventTime, String payload,
                       String previousHash, String entryHash) {

        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9),
                    rs.getString(10).trim(), rs.getString(11).trim());
        }
    }

    /** The per-entry part, done by a worker: each entry's hash over its stored previous hash, and its columns. */
    private record Chunk(Row[] rows, int size, String[] problems) {

        static Chunk check(Row[] rows, int size) {
            String[] problems = new String[size];
            StringBuilder canonical = new StringBuilder(1024);
            for (int i = 0; i < size; i++) {
                problems[i] = problem(rows[i], canonical);
            }
            return new Chunk(rows, size, problems);
        }

        private static String problem(Row row, StringBuilder canonical) {
            JsonNode tree;
            try {
                tree = CanonicalJson.parse(row.payload());
                canonical.setLength(0);
                CanonicalJson.write(tree, canonical);
            } catch (IllegalArgumentException e) {
                return "stored event is not readable: event is not canonicalisable JSON: " + e.getMessage();
            }
            if (!LedgerHash.chainCanonical(row.previousHash(), canonical.toString()).equals(row.entryHash())) {
                return "stored hash does not match the stored event";
            }
            return columnsDisagreeWithEvent(row, tree);
        }
    }

    /** The hash covers the event as received; the query columns are copies of it and must agree. */
    private static String columnsDisagreeWithEvent(Row row, JsonNode tree) {
        EventEnvelope event;
        try {
            event = EventCodec.mapper().treeToValue(tree, EventEnvelope.class);
        } catch (Exception e) {
            return "stored event is not readable: " + e.getMessage();
        }
        if (event == null) {
            return "stored event is not readable: not a JSON object";
        }
        if (!Objects.equals(event.id(), row.eventId())) {
            return "event_id column differs from the event";
        }
        if (!Objects.equals(event.type(), row.eventType())) {
            return "event_type column differs from the event";
        }
        if (!Objects.equals(event.subject(), row.subject())) {
            return "subject column differs from the event";
        }
        if (!Objects.equals(event.source(), row.source())) {
            return "source column differs from the event";
        }
        if (!Objects.equals(event.correlationid(), row.correlationId())
                || !Objects.equals(event.causationid(), row.causationId())) {
            return "correlation or causation column differs from the event";
        }
        Instant eventTime = row.eventTime() == null ? null : row.eventTime().toInstant();
        // PostgreSQL keeps microseconds and rounds what is finer; anything further apart was changed.
        if (event.time() == null || eventTime == null
                || Math.abs(Duration.between(event.time(), eventTime).toNanos()) >= 1_000) {
            return "event_time column differs from the event";
        }
        return null;
    }
}
