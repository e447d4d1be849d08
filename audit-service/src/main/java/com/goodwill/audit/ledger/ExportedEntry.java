package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;

/**
 * One ledger entry as exported (one JSON object per line): enough to verify the chain without the
 * database. {@code event} is the event exactly as received, the text the hash was taken over.
 */
public record ExportedEntry(long sequence, String eventId, String previousHash, String entryHash, String event) {

    public static ExportedEntry of(LedgerEntryEntity e) {
        return new ExportedEntry(e.sequence, e.eventId, e.previousHash.trim(), e.entryHash.trim(), e.payload);
    }
}
