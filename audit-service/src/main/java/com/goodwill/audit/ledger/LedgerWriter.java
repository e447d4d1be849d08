package com.goodwill.audit.ledger;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How events are appended to the chain, on the caller's connection and in the caller's transaction, a batch at a
 * time: the service ({@link Ledger}) appends what one Kafka poll delivered, the benchmark batches of its choice.
 * No row is ever updated, so the service's role needs only INSERT and SELECT: appenders serialise on a
 * transaction-scoped advisory lock and read the head from the last entry itself. Under the lock the head query sees
 * every committed append (READ COMMITTED takes a fresh snapshot per statement, and the lock is released only after
 * the commit is visible), so sequences have no gaps and each entry chains to its predecessor.
 *
 * <p>Everything that needs no lock happens before it is taken: parsing, the RFC 8785 canonical form, the rejection
 * of records that are not platform events. Under the lock a batch costs a fixed number of round trips whatever its
 * size: the head, which of its event ids the ledger holds already, the order facts its facets need, one insert of all
 * entries and one of all facets (arrays unnested by PostgreSQL).
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
    // Under the lock nothing else inserts, so no conflict can happen; the clause is a second line of defence, and the
    // count of inserted rows is checked.
    private static final String INSERT_ENTRIES = """
            insert into ledger_entry (sequence, event_id, event_type, source, subject, correlation_id, causation_id,
                                      event_time, topic, kafka_partition, kafka_offset, payload, previous_hash, entry_hash,
                                      recorded_at)
            select e.*, ?::timestamptz
            from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                        ?::timestamptz[], ?::varchar[], ?::integer[], ?::bigint[], ?::text[], ?::varchar[], ?::varchar[]) e
            on conflict (event_id) do nothing""";
    /** Per order, the customer and market of its latest entry that has them. */
    private static final String ORDER_FACTS = """
            select o.order_id,
                   (select customer_id from ledger_facet where order_id = o.order_id and customer_id is not null
                    order by sequence desc limit 1),
                   (select market from ledger_facet where order_id = o.order_id and market is not null
                    order by sequence desc limit 1)
            from unnest(?::varchar[]) o(order_id)""";
    private static final String INSERT_FACETS = """
            insert into ledger_facet (sequence, event_type, event_time, order_id, customer_id, incident_id, decision_id,
                                      carrier, tracking_number, market, reason_code, incident_class)
            select * from unnest(?::bigint[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[],
                                 ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])""";

    private LedgerWriter() {
    }

    /** Parses and canonicalises each record; needs no database. */
    public static Preparation prepare(List<Received> records) {
        List<Prepared> events = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (Received record : records) {
            try {
                EventEnvelope event = EventCodec.parse(record.json());
                events.add(new Prepared(record, event, LedgerHash.canonical(record.json())));
            } catch (MalformedEventException | IllegalArgumentException e) {
                rejected.add(new Rejected(record, e.getMessage()));
            }
        }
        return new Preparation(events, rejected);
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
        Long[] sequences = new Long[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        String[] correlations = new String[n];
        String[] causations = new String[n];
        String[] eventTimes = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        String[] payloads = new String[n];
        String[] previousHashes = new String[n];
        String[] entryHashes = new String[n];
        for (int i = 0; i < n; i++) {
            Prepared prepared = fresh.get(i);
            EventEnvelope event = prepared.event();
            String entryHash = LedgerHash.chainCanonical(previousHash, prepared.canonical());
            sequences[i] = ++sequence;
            eventIds[i] = event.id();
            types[i] = event.type();
            sources[i] = event.source();
            subjects[i] = event.subject();
            correlations[i] = event.correlationid();
            causations[i] = event.causationid();
            eventTimes[i] = event.time().toString();
            topics[i] = prepared.received().topic();
            partitions[i] = prepared.received().partition();
            offsets[i] = prepared.received().offset();
            payloads[i] = prepared.received().json();
            previousHashes[i] = previousHash;
            entryHashes[i] = entryHash;
            previousHash = entryHash;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRIES)) {
            int p = 1;
            insert.setObject(p++, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setArray(p++, connection.createArrayOf("bigint", sequences));
            insert.setArray(p++, connection.createArrayOf("varchar", eventIds));
            insert.setArray(p++, connection.createArrayOf("varchar", types));
            insert.setArray(p++, connection.createArrayOf("varchar", sources));
            insert.setArray(p++, connection.createArrayOf("varchar", subjects));
            insert.setArray(p++, connection.createArrayOf("varchar", correlations));
            insert.setArray(p++, connection.createArrayOf("varchar", causations));
            insert.setArray(p++, connection.createArrayOf("varchar", eventTimes));
            insert.setArray(p++, connection.createArrayOf("varchar", topics));
            insert.setArray(p++, connection.createArrayOf("integer", partitions));
            insert.setArray(p++, connection.createArrayOf("bigint", offsets));
            insert.setArray(p++, connection.createArrayOf("text", payloads));
            insert.setArray(p++, connection.createArrayOf("varchar", previousHashes));
            insert.setArray(p, connection.createArrayOf("varchar", entryHashes));
            int inserted = insert.executeUpdate();
            if (inserted != n) {
                // Cannot happen under the lock; if it did, the sequences would have gaps: refuse the whole batch.
                throw new IllegalStateException("expected to append " + n + " entries but appended " + inserted);
            }
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
    private static void insertFacets(Connection connection, List<Prepared> events, Long[] sequences)
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
        String[] types = new String[n];
        String[] eventTimes = new String[n];
        String[] orderIds = new String[n];
        String[] customers = new String[n];
        String[] incidents = new String[n];
        String[] decisions = new String[n];
        String[] carriers = new String[n];
        String[] trackingNumbers = new String[n];
        String[] markets = new String[n];
        String[] reasonCodes = new String[n];
        String[] incidentClasses = new String[n];
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
            types[i] = event.type();
            eventTimes[i] = event.time().toString();
            orderIds[i] = facts.orderId();
            customers[i] = facts.customerId();
            incidents[i] = facts.incidentId();
            decisions[i] = facts.decisionId();
            carriers[i] = facts.carrier();
            trackingNumbers[i] = facts.trackingNumber();
            markets[i] = facts.market();
            reasonCodes[i] = facts.reasonCode();
            incidentClasses[i] = facts.incidentClass();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FACETS)) {
            int p = 1;
            insert.setArray(p++, connection.createArrayOf("bigint", sequences));
            insert.setArray(p++, connection.createArrayOf("varchar", types));
            insert.setArray(p++, connection.createArrayOf("varchar", eventTimes));
            insert.setArray(p++, connection.createArrayOf("varchar", orderIds));
            insert.setArray(p++, connection.createArrayOf("varchar", customers));
            insert.setArray(p++, connection.createArrayOf("varchar", incidents));
            insert.setArray(p++, connection.createArrayOf("varchar", decisions));
            insert.setArray(p++, connection.createArrayOf("varchar", carriers));
            insert.setArray(p++, connection.createArrayOf("varchar", trackingNumbers));
            insert.setArray(p++, connection.createArrayOf("varchar", markets));
            insert.setArray(p++, connection.createArrayOf("varchar", reasonCodes));
            insert.setArray(p, connection.createArrayOf("varchar", incidentClasses));
            insert.executeUpdate();
        }
    }
}
