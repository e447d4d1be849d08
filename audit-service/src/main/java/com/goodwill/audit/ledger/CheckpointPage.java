package com.goodwill.audit.ledger;

import com.goodwill.contracts.ledger.LedgerCheckpoint;

import java.util.List;

/** One page of checkpoints, newest (largest tree) first. */
public record CheckpointPage(int page, int size, long total, List<LedgerCheckpoint> checkpoints) {
}
