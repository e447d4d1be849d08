package com.goodwill.audit.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The walk over the whole chain behind {@link ChainVerifier} (plain Java on a JDBC connection, so the benchmark runs
 * it as the service does): every entry's hash recomputed from its stored event and its predecessor, and the columns
 * queries read (id, type, order, time) checked against what the hashed event says.
 *
 * <p>The ledger streams from PostgreSQL in append order, in chunks that worker threads check on their own: an entry's
 * hash depends only on its stored event and the previous hash stored beside it, so each can be recomputed without the
 * entries before it. What links them is then checked in order on the reading thread: each entry's stored previous
 * hash must be the (already recomputed and matching) hash of the entry before it. Together that is exactly the
 * sequential walk, and the first broken entry is named as the walk would name it. Memory stays bounded: only a few
 * chunks are in flight, whatever the ledger's size.
 */
public final class ChainWalk {

    /** Rows per round trip of the cursor. */
    private static final int FETCH = 10_000;
    /** Rows per task of a worker. */
    private static final int CHUNK = 2_000;
    private static final String ENTRIES = """
            select sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time, payload,
                   previous_hash, entry_hash
            from ledger_entry order by sequence""";

    private ChainWalk() {
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

    /**
     * The hash covers the event as received; the query columns are copies of it and must agree. The envelope's
     * attributes are read straight off the parsed tree (binding the whole envelope cost as much as hashing it); an
     * attribute that is not plain text or a time that does not parse is read as the service reads events instead.
     */
    private static String columnsDisagreeWithEvent(Row row, JsonNode tree) {
        if (!tree.isObject()) {
            return "stored event is not readable: not a JSON object";
        }
        String[] attributes = new String[ATTRIBUTES.length];
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            JsonNode value = tree.get(ATTRIBUTES[i]);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return columnsDisagreeWithBoundEvent(row, tree);
            }
            attributes[i] = value == null || value.isNull() ? null : value.textValue();
        }
        Instant time;
        try {
            time = attributes[6] == null ? null : utcInstant(attributes[6]);
        } catch (DateTimeParseException e) {
            return columnsDisagreeWithBoundEvent(row, tree);
        }
        return columnsDisagree(row, attributes[0], attributes[1], attributes[2], attributes[3], attributes[4],
                attributes[5], time);
    }

    /**
     * The event's time as the services write it ({@code 2026-11-01T00:00:00Z}, with up to nine fraction digits),
     * read without DateTimeFormatter, which cost more than hashing the whole event; any other shape (an offset,
     * another precision) goes through {@link OffsetDateTime#parse}.
     */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length >= 20 && length <= 30 && text.charAt(length - 1) == 'Z' && text.charAt(4) == '-'
                && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && (length == 20 || text.charAt(19) == '.' && length > 21)) {
            int nanos = 0;
            boolean digits = true;
            for (int i = 20; i < length - 1; i++) {
                char c = text.charAt(i);
                digits &= c >= '0' && c <= '9';
                nanos = nanos * 10 + (c - '0');
            }
            if (digits) {
                for (int i = length - 1 - 20; i < 9 && length > 20; i++) {
                    nanos *= 10;
                }
                try {
                    return java.time.LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                            number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), nanos)
                            .toInstant(java.time.ZoneOffset.UTC);
                } catch (java.time.DateTimeException | NumberFormatException e) {
                    // Not a valid date after all: the full parser says why.
                }
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final String[] ATTRIBUTES = {"id", "type", "subject", "source", "correlationid", "causationid", "time"};

    private static String columnsDisagreeWithBoundEvent(Row row, JsonNode tree) {
        EventEnvelope event;
        try {
            event = EventCodec.mapper().treeToValue(tree, EventEnvelope.class);
        } catch (Exception e) {
            return "stored event is not readable: " + e.getMessage();
        }
        return columnsDisagree(row, event.id(), event.type(), event.subject(), event.source(), event.correlationid(),
                event.causationid(), event.time());
    }

    private static String columnsDisagree(Row row, String id, String type, String subject, String source,
                                          String correlationId, String causationId, Instant time) {
        if (!Objects.equals(id, row.eventId())) {
            return "event_id column differs from the event";
        }
        if (!Objects.equals(type, row.eventType())) {
            return "event_type column differs from the event";
        }
        if (!Objects.equals(subject, row.subject())) {
            return "subject column differs from the event";
        }
        if (!Objects.equals(source, row.source())) {
            return "source column differs from the event";
        }
        if (!Objects.equals(correlationId, row.correlationId()) || !Objects.equals(causationId, row.causationId())) {
            return "correlation or causation column differs from the event";
        }
        Instant eventTime = row.eventTime() == null ? null : row.eventTime().toInstant();
        // PostgreSQL keeps microseconds and rounds what is finer; anything further apart was changed.
        if (time == null || eventTime == null || Math.abs(Duration.between(time, eventTime).toNanos()) >= 1_000) {
            return "event_time column differs from the event";
        }
        return null;
    }
}
