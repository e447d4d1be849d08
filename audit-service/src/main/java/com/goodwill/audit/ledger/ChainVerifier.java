package com.goodwill.audit.ledger;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Recomputes every entry's hash from its stored event and its predecessor, streaming the ledger from PostgreSQL in
 * append order (nothing is kept but the previous hash, so a ledger of millions of entries needs no more memory than
 * one of ten), and checks that the columns queries read (id, type, order, time) still say what the hashed event says.
 */
@ApplicationScoped
public class ChainVerifier {

    /** Rows per round trip of the cursor. */
    private static final int FETCH = 1000;
    private static final String ENTRIES = """
            select sequence, event_id, event_type, source, subject, correlation_id, causation_id, event_time, payload,
                   previous_hash, entry_hash
            from ledger_entry order by sequence""";

    private final EntityManager entityManager;

    public ChainVerifier(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public ChainVerification verify() {
        return entityManager.unwrap(Session.class).doReturningWork(ChainVerifier::verify);
    }

    /**
     * The walk itself, on a connection outside auto-commit (PostgreSQL streams a result with a cursor only inside a
     * transaction; otherwise it reads the whole ledger into memory first).
     */
    public static ChainVerification verify(Connection connection) throws SQLException {
        String previous = LedgerHash.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        try (PreparedStatement statement = connection.prepareStatement(ENTRIES)) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong("sequence");
                    String eventId = rs.getString("event_id");
                    String broken;
                    if (sequence != expectedSequence) {
                        broken = "sequence " + expectedSequence + " is missing";
                    } else {
                        broken = LedgerHash.brokenLink(previous, rs.getString("previous_hash").trim(),
                                rs.getString("payload"), rs.getString("entry_hash").trim());
                        if (broken == null) {
                            broken = columnsDisagreeWithEvent(rs, eventId);
                        }
                    }
                    if (broken != null) {
                        return new ChainVerification(checked, false, sequence, eventId, broken);
                    }
                    previous = rs.getString("entry_hash").trim();
                    expectedSequence++;
                    checked++;
                }
            }
        }
        return new ChainVerification(checked, true, null, null, null);
    }

    /** The hash covers the event as received; the query columns are copies of it and must agree. */
    private static String columnsDisagreeWithEvent(ResultSet row, String eventId) throws SQLException {
        EventEnvelope event;
        try {
            event = EventCodec.parse(row.getString("payload"));
        } catch (RuntimeException e) {
            return "stored event is not readable: " + e.getMessage();
        }
        if (!Objects.equals(event.id(), eventId)) {
            return "event_id column differs from the event";
        }
        if (!Objects.equals(event.type(), row.getString("event_type"))) {
            return "event_type column differs from the event";
        }
        if (!Objects.equals(event.subject(), row.getString("subject"))) {
            return "subject column differs from the event";
        }
        if (!Objects.equals(event.source(), row.getString("source"))) {
            return "source column differs from the event";
        }
        if (!Objects.equals(event.correlationid(), row.getString("correlation_id"))
                || !Objects.equals(event.causationid(), row.getString("causation_id"))) {
            return "correlation or causation column differs from the event";
        }
        OffsetDateTime stored = row.getObject("event_time", OffsetDateTime.class);
        Instant eventTime = stored == null ? null : stored.toInstant();
        // PostgreSQL keeps microseconds and rounds what is finer; anything further apart was changed.
        if (event.time() == null || eventTime == null
                || Math.abs(Duration.between(event.time(), eventTime).toNanos()) >= 1_000) {
            return "event_time column differs from the event";
        }
        return null;
    }
}
