package com.goodwill.audit.ledger;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How events are appended to the chain, on the caller's connection and in the caller's transaction: the service
 * ({@link Ledger}) appends one consumed record per transaction, the benchmark a batch. No row is ever updated, so
 * the service's role needs only INSERT and SELECT: appenders serialise on a transaction-scoped advisory lock and
 * read the head from the last entry itself. Under the lock the head query sees every committed append (READ
 * COMMITTED takes a fresh snapshot per statement, and the lock is released only after the commit is visible), so
 * sequences have no gaps and each entry chains to its predecessor.
 */
public final class LedgerWriter {

    /** Arbitrary but fixed ("ledgeapp"): the one lock every append of this database takes. */
    static final long APPEND_LOCK = 0x6c65646765617070L;

    /** A record as consumed from Kafka. */
    public record Received(String topic, int partition, long offset, String json) {
    }

    private static final String HEAD = "select sequence, entry_hash from ledger_entry order by sequence desc limit 1";
    // A redelivered event conflicts on its id and appends nothing; under the lock no other conflict can happen.
    private static final String INSERT_ENTRY = """
            insert into ledger_entry (sequence, event_id, event_type, source, subject, correlation_id, causation_id,
                                      event_time, topic, kafka_partition, kafka_offset, payload, previous_hash, entry_hash,
                                      recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""";
    private static final String ORDER_FACTS = """
            select (select customer_id from ledger_facet where order_id = ? and customer_id is not null
                    order by sequence desc limit 1),
                   (select market from ledger_facet where order_id = ? and market is not null
                    order by sequence desc limit 1)""";
    private static final String INSERT_FACET = """
            insert into ledger_facet (sequence, event_type, event_time, order_id, customer_id, incident_id, decision_id,
                                      carrier, tracking_number, market, reason_code, incident_class)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private LedgerWriter() {
    }

    /**
     * Appends the records in order, each event id once, and returns how many were new. Every record is parsed
     * before the lock is taken, so a malformed one fails the call without holding up other appenders.
     *
     * @throws com.goodwill.contracts.envelope.MalformedEventException if a record is not a platform event
     */
    public static int append(Connection connection, List<Received> records, Instant recordedAt) throws SQLException {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        for (Received record : records) {
            events.add(EventCodec.parse(record.json()));
        }
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
        int appended = 0;
        try (PreparedStatement entries = connection.prepareStatement(INSERT_ENTRY);
             PreparedStatement orderFacts = connection.prepareStatement(ORDER_FACTS);
             PreparedStatement facets = connection.prepareStatement(INSERT_FACET)) {
            for (int i = 0; i < records.size(); i++) {
                Received record = records.get(i);
                EventEnvelope event = events.get(i);
                String entryHash = LedgerHash.chain(previousHash, record.json());
                OffsetDateTime eventTime = utc(event.time());
                int p = 1;
                entries.setLong(p++, sequence + 1);
                entries.setString(p++, event.id());
                entries.setString(p++, event.type());
                entries.setString(p++, event.source());
                entries.setString(p++, event.subject());
                entries.setString(p++, event.correlationid());
                entries.setString(p++, event.causationid());
                entries.setObject(p++, eventTime, Types.TIMESTAMP_WITH_TIMEZONE);
                entries.setString(p++, record.topic());
                entries.setInt(p++, record.partition());
                entries.setLong(p++, record.offset());
                entries.setString(p++, record.json());
                entries.setString(p++, previousHash);
                entries.setString(p++, entryHash);
                entries.setObject(p, utc(recordedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                if (entries.executeUpdate() == 0) {
                    continue;
                }
                sequence++;
                previousHash = entryHash;
                appended++;
                insertFacets(orderFacts, facets, sequence, event, eventTime);
            }
        }
        return appended;
    }

    /**
     * The entry's searchable facts, in the append's transaction, so a committed entry is always findable. Customer
     * and market come from the order's latest earlier entry that has them when the event does not say (a scan, a
     * delivery); an event appended before its order's placement keeps them null.
     */
    private static void insertFacets(PreparedStatement orderFacts, PreparedStatement facets, long sequence,
                                     EventEnvelope event, OffsetDateTime eventTime) throws SQLException {
        EntryFacets facts = EntryFacets.of(event);
        if (facts.lacksOrderFacts()) {
            orderFacts.setString(1, facts.orderId());
            orderFacts.setString(2, facts.orderId());
            try (ResultSet rs = orderFacts.executeQuery()) {
                rs.next();
                facts = facts.withOrderFacts(rs.getString(1), rs.getString(2));
            }
        }
        int p = 1;
        facets.setLong(p++, sequence);
        facets.setString(p++, event.type());
        facets.setObject(p++, eventTime, Types.TIMESTAMP_WITH_TIMEZONE);
        facets.setString(p++, facts.orderId());
        facets.setString(p++, facts.customerId());
        facets.setString(p++, facts.incidentId());
        facets.setString(p++, facts.decisionId());
        facets.setString(p++, facts.carrier());
        facets.setString(p++, facts.trackingNumber());
        facets.setString(p++, facts.market());
        facets.setString(p++, facts.reasonCode());
        facets.setString(p, facts.incidentClass());
        facets.executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
