package com.goodwill.contracts.ledger;

import java.time.Instant;

/**
 * A signed commitment to the first {@code treeSize} entries of audit-service's ledger: the root of the
 * RFC 6962 / RFC 9162 Merkle tree whose leaf i is the chain hash of entry i + 1. Anyone holding it and
 * the public key can check that an entry is in the ledger and that a later checkpoint only appended.
 *
 * @param rootHash  the Merkle tree root, lowercase hex (64 characters)
 * @param createdAt when the checkpoint was made, UTC, at most microsecond precision
 * @param algorithm the signature algorithm, {@code Ed25519}
 * @param keyId     which of audit-service's signing keys made the signature
 * @param signature base64 of the signature over {@link #signedText(long, String, Instant)}
 */
public record LedgerCheckpoint(
        long treeSize,
        String rootHash,
        Instant createdAt,
        String algorithm,
        String keyId,
        String signature) {

    public static final String ALGORITHM = "Ed25519";

    /**
     * The text that is signed, as UTF-8: {@code goodwill-ledger-checkpoint/v1}, the tree size in decimal, the
     * root in lowercase hex and the creation time in ISO-8601 ({@link Instant#toString()}), each on its own line
     * without a trailing newline. The key id is not signed: the key that verifies is what identifies the signer.
     */
    public static String signedText(long treeSize, String rootHash, Instant createdAt) {
        return "goodwill-ledger-checkpoint/v1\n" + treeSize + "\n" + rootHash + "\n" + createdAt;
    }
}
