package com.goodwill.audit.ledger;

/**
 * One ledger entry as exported (one JSON object per line): enough to verify the chain without the
 * database. {@code event} is the event exactly as received, the text the hash was taken over.
 */
public record ExportedEntry(long sequence, String eventId, String previousHash, String entryHash, String event) {
}
