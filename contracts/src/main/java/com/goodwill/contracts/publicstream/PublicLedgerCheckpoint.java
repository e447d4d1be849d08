package com.goodwill.contracts.publicstream;

import java.time.Instant;

/**
 * A signed checkpoint of audit-service's ledger (see {@link com.goodwill.contracts.ledger.LedgerCheckpoint} for what
 * is signed); keyed and with subject {@code ledger}, not an order id. Finance keeps copies to verify the ledger later.
 */
public record PublicLedgerCheckpoint(
        long treeSize,
        String rootHash,
        Instant createdAt,
        String algorithm,
        String keyId,
        String signature) {
}
