package com.goodwill.audit.ledger;

import com.goodwill.contracts.ledger.LedgerCheckpoint;

import java.util.List;

/**
 * Proof that ledger entry {@code sequence} is in the tree a signed checkpoint commits to: hash the leaf up the
 * audit path (RFC 9162 section 2.1.3.2) and compare with the checkpoint's root.
 *
 * @param leafHash  SHA-256(0x00 || the entry's chain hash), hex
 * @param auditPath the sibling hashes from the leaf up, hex
 */
public record CheckpointInclusionProof(long sequence, long leafIndex, String leafHash, List<String> auditPath,
                                       LedgerCheckpoint checkpoint) {
}
