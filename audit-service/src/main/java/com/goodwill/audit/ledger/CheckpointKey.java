package com.goodwill.audit.ledger;

/**
 * The public half of the key that signs checkpoints, for verifiers to fetch once and keep.
 *
 * @param publicKey X.509 SubjectPublicKeyInfo, base64 (the body of a PEM "PUBLIC KEY")
 */
public record CheckpointKey(String keyId, String algorithm, String publicKey) {
}
