package com.goodwill.audit.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * When the ledger is due a new checkpoint: once {@code everyEntries} entries were appended since the last
 * one, or once {@code every} has passed since it and at least one entry is new. Without any checkpoint
 * yet, the time counts from the first entry.
 */
public record CheckpointPolicy(long everyEntries, Duration every) {

    public CheckpointPolicy {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("every-entries must be at least 1");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be a positive duration");
        }
    }

    /**
     * @param lastSize the tree size of the last checkpoint, 0 without one
     * @param since    when the last checkpoint was made, or when the first entry was recorded without one
     * @param size     the ledger's size now
     */
    public boolean due(long lastSize, Instant since, long size, Instant now) {
        long fresh = size - lastSize;
        if (fresh <= 0) {
            return false;
        }
        return fresh >= everyEntries || !since.plus(every).isAfter(now);
    }
}
