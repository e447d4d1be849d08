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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The walk over the whole chain behind {@link ChainVerifier} (plain Java on JDBC connections, so the benchmark runs it
 * as the service does): every entry's hash recomputed from its stored event and its predecessor, and the columns
 * queries read (id, type, order, time) checked against what the hashed event says.
 *
 * <p>An entry's hash depends only on its stored event and the previous hash stored beside it, so each can be
 * recomputed without the entries before it; what links them is that each stored previous hash is the (recomputed and
 * matching) hash of the entry before. The walk uses both facts twice:
 * <ul>
 *   <li>The ledger up to its head when the walk starts is cut into ranges of sequences, one per core, each streamed
 *       from PostgreSQL over a connection of its own: reading rows was the serial part of a walk over one cursor.
 *       Within a range, the links are checked in order; the first entry of each range is linked to the last of the
 *       range before when the ranges are put together, in order.</li>
 *   <li>Each range's rows go in chunks to worker threads, which recompute the hashes and check the columns.</li>
 * </ul>
 * Together that is exactly the sequential walk, and the first broken entry is named as that walk would name it.
 * Memory stays bounded: only a few chunks per range are in flight, whatever the ledger's size. The ledger is
 * append-only, so rows up to the head do not change while they are read.
 */
public final class ChainWalk {

    /** Rows per round trip of a cursor. */
    private static final int FETCH = 10_000;
    /** Rows per task of a worker. */
    private static final int CHUNK = 2_000;
    /** Below this many entries a second range costs more (a connection, a thread) than it saves. */
    private static final long ENTRIES_PER_RANGE_AT_LEAST = 25_000;
    private static final String HEAD = "select coalesce(max(sequence), 0) from ledger_entry";
    private static final String ENTRIES = """
            select sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time, payload,
                   previous_hash, entry_hash
            from ledger_entry where sequence between ? and ? order by sequence""";

    /** Where the walk gets its connections: one per range, each closed by the walk. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private ChainWalk() {
    }

    /** The walk, with one range and one worker per core (one range for a small ledger). */
    public static ChainVerification verify(Connections connections) throws SQLException {
        long head = head(connections);
        return verify(connections, head, rangesFor(head));
    }

    /** How many ranges the walk reads side by side for a ledger of {@code head} entries. */
    public static int rangesFor(long head) {
        int cores = Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(cores, head / ENTRIES_PER_RANGE_AT_LEAST));
    }

    /** The walk over the ledger up to {@code head} (its size then), in the given number of ranges (for tests). */
    public static ChainVerification verifyUpTo(Connections connections, long head, int ranges) throws SQLException {
        return verify(connections, head, ranges);
    }

    /** Where each of {@code ranges} ranges of the ledger up to {@code head} starts: equal shares, in order. */
    public static long[] rangeStarts(long head, int ranges) {
        int n = (int) Math.max(1, Math.min(ranges, head));
        long size = (head + n - 1) / n;
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = 1 + i * size;
        }
        return starts;
    }

    private static long head(Connections connections) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement statement = connection.prepareStatement(HEAD);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ChainVerification verify(Connections connections, long head, int ranges) throws SQLException {
        if (head == 0) {
            return new ChainVerification(0, true, null, null, null);
        }
        long[] starts = rangeStarts(head, ranges);
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = threads("ledger-verifier", workers);
        ExecutorService readers = threads("ledger-reader", starts.length);
        try {
            List<Future<Range>> read = new ArrayList<>(starts.length);
            for (int i = 0; i < starts.length; i++) {
                long from = starts[i];
                long to = i + 1 < starts.length ? starts[i + 1] - 1 : head;
                read.add(readers.submit(() -> Range.walk(connections, from, to, pool, workers + 1)));
            }
            return join(read);
        } finally {
            readers.shutdownNow();
            pool.shutdownNow();
        }
    }

    /** The ranges put together in order: each range's first entry must follow the last entry of the one before. */
    private static ChainVerification join(List<Future<Range>> ranges) throws SQLException {
        String previous = LedgerHash.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        for (Future<Range> next : ranges) {
            Range range = await(next);
            if (range.first() != null) {
                Row first = range.first();
                if (first.sequence() != expectedSequence) {
                    return broken(checked, first, "sequence " + expectedSequence + " is missing");
                }
                if (!previous.equals(first.previousHash())) {
                    return broken(checked, first, "previous hash does not match the entry before it");
                }
            }
            if (range.broken() != null) {
                ChainVerification broken = range.broken();
                return new ChainVerification(checked + broken.entriesChecked(), false, broken.firstBrokenSequence(),
                        broken.firstBrokenEventId(), broken.reason());
            }
            if (range.first() != null) {
                previous = range.lastHash();
                expectedSequence = range.lastSequence() + 1;
                checked += range.checked();
            }
        }
        return new ChainVerification(checked, true, null, null, null);
    }

    private static ChainVerification broken(long checked, Row row, String reason) {
        return new ChainVerification(checked, false, row.sequence(), row.eventId(), reason);
    }

    private static ExecutorService threads(String name, int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static <T> T await(Future<T> result) throws SQLException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("verification failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * One range walked: its first entry (linked by {@link #join}), the first break after it, and its last entry.
     *
     * @param broken the first broken entry of the range, with the entries of the range checked before it; a broken
     *               first entry only for its own hash or columns (its link is the join's to check)
     */
    private record Range(Row first, ChainVerification broken, long checked, long lastSequence, String lastHash) {

        static Range walk(Connections connections, long from, long to, ExecutorService pool, int maxInFlight)
                throws SQLException {
            Walk walk = new Walk();
            ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
            try (Connection connection = connections.open()) {
                // PostgreSQL streams a result with a cursor only inside a transaction; otherwise it reads it all first.
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (PreparedStatement statement = connection.prepareStatement(ENTRIES)) {
                    statement.setFetchSize(FETCH);
                    statement.setLong(1, from);
                    statement.setLong(2, to);
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
                                    if (walk.link(await(inFlight.poll())) != null) {
                                        return walk.range();
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
                    while (!inFlight.isEmpty()) {
                        if (walk.link(await(inFlight.poll())) != null) {
                            break;
                        }
                    }
                    return walk.range();
                } finally {
                    connection.rollback();
                }
            } finally {
                // Left over only when the range broke early or failed: nobody waits for them.
                inFlight.forEach(chunk -> chunk.cancel(true));
            }
        }
    }

    /** The in-order part within a range: sequences without gaps, and each entry pointing at its predecessor's hash. */
    private static final class Walk {
        private Row first;
        private String previous;
        private long expectedSequence;
        private long checked;
        private ChainVerification broken;

        /** Returns the break, if this chunk holds the range's first one. */
        ChainVerification link(Chunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                Row row = chunk.rows[i];
                String problem;
                if (first == null) {
                    first = row;
                    problem = chunk.problems[i];
                } else if (row.sequence != expectedSequence) {
                    problem = "sequence " + expectedSequence + " is missing";
                } else if (!previous.equals(row.previousHash)) {
                    problem = "previous hash does not match the entry before it";
                } else {
                    problem = chunk.problems[i];
                }
                if (problem != null) {
                    broken = ChainWalk.broken(checked, row, problem);
                    return broken;
                }
                previous = row.entryHash;
                expectedSequence = row.sequence + 1;
                checked++;
            }
            return null;
        }

        Range range() {
            return new Range(first, broken, checked, expectedSequence - 1, previous);
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
