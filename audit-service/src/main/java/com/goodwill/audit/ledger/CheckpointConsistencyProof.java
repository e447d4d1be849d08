package com.goodwill.audit.ledger;

import com.goodwill.contracts.ledger.LedgerCheckpoint;

import java.util.List;

/**
 * Proof that the later checkpoint's tree only appended to the earlier one's (RFC 9162 section 2.1.4.2):
 * nothing the earlier checkpoint committed to was changed or removed.
 *
 * @param proof the consistency proof nodes, hex
 */
public record CheckpointConsistencyProof(LedgerCheckpoint from, LedgerCheckpoint to, List<String> proof) {
}
