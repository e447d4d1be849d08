package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Recomputes every entry's hash from its stored event and its predecessor, in pages, and checks that
 * the columns queries read (id, type, order, time) still say what the hashed event says.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 1000;

    @Transactional
    public ChainVerification verify() {
        String previous = LedgerHash.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        while (true) {
            List<LedgerEntryEntity> page = LedgerEntryEntity.<LedgerEntryEntity>find("sequence >= ?1 order by sequence",
                    expectedSequence).page(0, PAGE).list();
            if (page.isEmpty()) {
                return new ChainVerification(checked, true, null, null, null);
            }
            for (LedgerEntryEntity entry : page) {
                String broken = null;
                if (entry.sequence != expectedSequence) {
                    broken = "sequence " + expectedSequence + " is missing";
                } else {
                    broken = LedgerHash.brokenLink(previous, entry.previousHash.trim(), entry.payload, entry.entryHash.trim());
                    if (broken == null) {
                        broken = columnsDisagreeWithEvent(entry);
                    }
                }
                if (broken != null) {
                    return new ChainVerification(checked, false, entry.sequence, entry.eventId, broken);
                }
                previous = entry.entryHash.trim();
                expectedSequence++;
                checked++;
            }
        }
    }

    /** The hash covers the event as received; the query columns are copies of it and must agree. */
    private static String columnsDisagreeWithEvent(LedgerEntryEntity entry) {
        EventEnvelope event;
        try {
            event = EventCodec.parse(entry.payload);
        } catch (RuntimeException e) {
            return "stored event is not readable: " + e.getMessage();
        }
        if (!Objects.equals(event.id(), entry.eventId)) {
            return "event_id column differs from the event";
        }
        if (!Objects.equals(event.type(), entry.eventType)) {
            return "event_type column differs from the event";
        }
        if (!Objects.equals(event.subject(), entry.subject)) {
            return "subject column differs from the event";
        }
        if (!Objects.equals(event.source(), entry.source)) {
            return "source column differs from the event";
        }
        if (!Objects.equals(event.correlationid(), entry.correlationId)
                || !Objects.equals(event.causationid(), entry.causationId)) {
            return "correlation or causation column differs from the event";
        }
        // PostgreSQL keeps microseconds and rounds what is finer; anything further apart was changed.
        if (event.time() == null || entry.eventTime == null
                || Math.abs(Duration.between(event.time(), entry.eventTime).toNanos()) >= 1_000) {
            return "event_time column differs from the event";
        }
        return null;
    }
}
