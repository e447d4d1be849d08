package com.goodwill.audit.ledger;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How events are appended to the chain, on the caller's connection and in the caller's transaction, a batch at a
 * time: the service ({@link Ledger}) appends what one Kafka poll delivered, the benchmark batches of its choice.
 * No row is ever updated, so the service's role needs only INSERT and SELECT: appenders serialise on a
 * transaction-scoped advisory lock and read the head from the last entry itself. Under the lock the head query sees
 * every committed append (READ COMMITTED takes a fresh snapshot per statement, and the lock is released only after
 * the commit is visible), so sequences have no gaps and each entry chains to its predecessor.
 *
 * <p>Everything that needs no lock happens before it is taken: parsing, the RFC 8785 canonical form, the rejection
 * of records that are not platform events, spread over the machine's cores for a large batch. Under the lock a batch
 * costs a fixed number of round trips whatever its size: the head, which of its event ids the ledger holds already,
 * the order facts its facets need, one binary COPY of all entries and one of all facets ({@link BinaryCopy}).
 */
public final class LedgerWriter {

    /** Arbitrary but fixed ("ledgeapp"): the one lock every append of this database takes. */
    static final long APPEND_LOCK = 0x6c65646765617070L;

    /** A record as consumed from Kafka. */
    public record Received(String topic, int partition, long offset, String json) {
    }

    /** A record that is a platform event, parsed and in canonical form. */
    public record Prepared(Received received, EventEnvelope event, String canonical) {
    }

    /** A record that cannot enter the ledger, and why. */
    public record Rejected(Received received, String reason) {
    }

    /** A batch split into what can be appended (in the order received) and what cannot. */
    public record Preparation(List<Prepared> events, List<Rejected> rejected) {
    }

    /** How many entries an append added, and the ledger's size after it. */
    public record Appended(int entries, long size) {
    }

    private static final String HEAD = "select sequence, entry_hash from ledger_entry order by sequence desc limit 1";
    private static final String EXISTING = "select event_id from ledger_entry where event_id = any(?)";
    // Under the lock nothing else inserts and the batch holds only ids the ledger lacks; should one be there all the
    // same, the unique index fails the COPY and the whole batch with it (the sequences would have a gap otherwise).
    private static final String COPY_ENTRIES = """
            copy ledger_entry (sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time,
                               topic, kafka_partition, kafka_offset, payload, previous_hash, entry_hash, recorded_at)
            from stdin (format binary)""";
    private static final int ENTRY_COLUMNS = 15;
    /** Below this a batch is prepared on the calling thread: handing it to other threads would cost more. */
    private static final int PARALLEL_PREPARATION = 64;
    /** Per order, the customer and market of its latest entry that has them. */
    private static final String ORDER_FACTS = """
            select o.order_id,
                   (select customer_id from ledger_facet where order_id = o.order_id and customer_id is not null
                    order by sequence desc limit 1),
                   (select market from ledger_facet where order_id = o.order_id and market is not null
                    order by sequence desc limit 1)
            from unnest(?::varchar[]) o(order_id)""";
    private static final String COPY_FACETS = """
            copy ledger_facet (sequence, event_type, event_time, order_id, customer_id, incident_id, decision_id, carrier,
                               tracking_number, market, reason_code, incident_class)
            from stdin (format binary)""";
    private static final int FACET_COLUMNS = 12;

    private LedgerWriter() {
    }

    /**
     * Parses and canonicalises each record; needs no database. Records are independent of each other, so a large batch
     * is spread over the cores (the order of the result is the order received all the same).
     */
    public static Preparation prepare(List<Received> records) {
        Stream<Received> stream = records.size() >= PARALLEL_PREPARATION ? records.parallelStream() : records.stream();
        List<Object> outcomes = stream.map(LedgerWriter::prepare).toList();
        List<Prepared> events = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof Prepared prepared) {
                events.add(prepared);
            } else {
                rejected.add((Rejected) outcome);
            }
        }
        return new Preparation(events, rejected);
    }

    private static Object prepare(Received record) {
        try {
            EventEnvelope event = EventCodec.parse(record.json());
            return new Prepared(record, event, LedgerHash.canonical(record.json()));
        } catch (MalformedEventException | IllegalArgumentException e) {
            return new Rejected(record, e.getMessage());
        }
    }

    /**
     * Appends the records in order, each event id once, and returns how many were new; all or nothing.
     *
     * @throws MalformedEventException if a record is not a platform event (nothing is appended then)
     */
    public static int append(Connection connection, List<Received> records, Instant recordedAt) throws SQLException {
        Preparation preparation = prepare(records);
        if (!preparation.rejected().isEmpty()) {
            throw new MalformedEventException(preparation.rejected().get(0).reason());
        }
        return appendPrepared(connection, preparation.events(), recordedAt).entries();
    }

    /**
     * Appends prepared events in order and returns how many were new: an event id the ledger holds already, or one
     * that came earlier in the same batch, appends nothing.
     */
    public static Appended appendPrepared(Connection connection, List<Prepared> events, Instant recordedAt)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.executeQuery().close();
        }
        long sequence = 0;
        String previousHash = LedgerHash.GENESIS;
        try (PreparedStatement head = connection.prepareStatement(HEAD); ResultSet rs = head.executeQuery()) {
            if (rs.next()) {
                sequence = rs.getLong(1);
                previousHash = rs.getString(2).trim();
            }
        }
        Set<String> seen = existing(connection, events);
        List<Prepared> fresh = new ArrayList<>(events.size());
        for (Prepared event : events) {
            if (seen.add(event.event().id())) {
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return new Appended(0, sequence);
        }

        int n = fresh.size();
        long[] sequences = new long[n];
        int expectedBytes = 0;
        for (Prepared prepared : fresh) {
            expectedBytes += prepared.received().json().length() + 512;
        }
        BinaryCopy entries = new BinaryCopy(ENTRY_COLUMNS, expectedBytes);
        for (int i = 0; i < n; i++) {
            Prepared prepared = fresh.get(i);
            EventEnvelope event = prepared.event();
            String entryHash = LedgerHash.chainCanonical(previousHash, prepared.canonical());
            sequences[i] = ++sequence;
            entries.row()
                    .bigint(sequence)
                    .text(event.id())
                    .text(event.type())
                    .text(event.source())
                    .text(event.subject())
                    .text(event.correlationid())
                    .text(event.causationid())
                    .timestamp(event.time())
                    .text(prepared.received().topic())
                    .integer(prepared.received().partition())
                    .bigint(prepared.received().offset())
                    .text(prepared.received().json())
                    .text(previousHash)
                    .text(entryHash)
                    .timestamp(recordedAt);
            previousHash = entryHash;
        }
        long inserted = entries.send(connection, COPY_ENTRIES);
        if (inserted != n) {
            // Cannot happen; if it did, the sequences would have gaps: refuse the whole batch.
            throw new IllegalStateException("expected to append " + n + " entries but appended " + inserted);
        }
        insertFacets(connection, fresh, sequences);
        return new Appended(n, sequence);
    }

    private static Set<String> existing(Connection connection, List<Prepared> events) throws SQLException {
        if (events.isEmpty()) {
            return new HashSet<>();
        }
        String[] ids = events.stream().map(e -> e.event().id()).distinct().toArray(String[]::new);
        Set<String> existing = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        return existing;
    }

    /**
     * The entries' searchable facts, in the append's transaction, so a committed entry is always findable. Customer
     * and market come from the order's latest earlier entry that has them when the event does not say (a scan, a
     * delivery): an earlier entry of the same batch, else the ledger's; an event appended before its order's
     * placement keeps them null.
     */
    private static void insertFacets(Connection connection, List<Prepared> events, long[] sequences)
            throws SQLException {
        int n = events.size();
        List<EntryFacets> stated = new ArrayList<>(n);
        Set<String> lacking = new LinkedHashSet<>();
        for (Prepared prepared : events) {
            EntryFacets facts = EntryFacets.of(prepared.event());
            stated.add(facts);
            if (facts.lacksOrderFacts()) {
                lacking.add(facts.orderId());
            }
        }
        // orderId -> {customer, market}, as of the entry being appended.
        Map<String, String[]> orderFacts = new HashMap<>();
        if (!lacking.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(ORDER_FACTS)) {
                statement.setArray(1, connection.createArrayOf("varchar", lacking.toArray(String[]::new)));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        orderFacts.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)});
                    }
                }
            }
        }
        BinaryCopy facets = new BinaryCopy(FACET_COLUMNS, n * 256);
        for (int i = 0; i < n; i++) {
            EventEnvelope event = events.get(i).event();
            EntryFacets facts = stated.get(i);
            if (facts.orderId() != null) {
                String[] known = orderFacts.computeIfAbsent(facts.orderId(), id -> new String[2]);
                if (facts.lacksOrderFacts()) {
                    facts = facts.withOrderFacts(known[0], known[1]);
                }
                if (facts.customerId() != null) {
                    known[0] = facts.customerId();
                }
                if (facts.market() != null) {
                    known[1] = facts.market();
                }
            }
            facets.row()
                    .bigint(sequences[i])
                    .text(event.type())
                    .timestamp(event.time())
                    .text(facts.orderId())
                    .text(facts.customerId())
                    .text(facts.incidentId())
                    .text(facts.decisionId())
                    .text(facts.carrier())
                    .text(facts.trackingNumber())
                    .text(facts.market())
                    .text(facts.reasonCode())
                    .text(facts.incidentClass());
        }
        facets.send(connection, COPY_FACETS);
    }
}
