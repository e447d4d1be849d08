package com.goodwill.audit.ledger;

import com.goodwill.contracts.ledger.LedgerCheckpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs ledger checkpoints with Ed25519 (the JDK's own implementation) and verifies them. Verification
 * needs nothing but the checkpoint and the public key, so the offline verifier uses it too.
 */
public final class CheckpointSigner {

    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    /**
     * @param privateKeyBase64 PKCS#8, base64
     * @param publicKeyBase64  X.509 SubjectPublicKeyInfo, base64
     * @throws IllegalArgumentException when a key cannot be read or the two are not one key pair
     */
    public CheckpointSigner(String keyId, String privateKeyBase64, String publicKeyBase64) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("the signing key id is blank");
        }
        this.keyId = keyId;
        try {
            this.privateKey = KeyFactory.getInstance(LedgerCheckpoint.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key is not a base64 PKCS#8 Ed25519 key: " + e.getMessage(), e);
        }
        this.publicKey = publicKey(publicKeyBase64);
        // A signature the configured public key cannot verify would make every checkpoint worthless: refuse now.
        LedgerCheckpoint probe = sign(0, "0".repeat(64), Instant.EPOCH);
        if (!verify(probe, publicKey)) {
            throw new IllegalArgumentException("the private and the public key are not one key pair (key id " + keyId + ")");
        }
    }

    /** Reads an X.509 (SubjectPublicKeyInfo) Ed25519 public key from base64. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(LedgerCheckpoint.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key is not a base64 X.509 Ed25519 key: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A signed checkpoint; the time is cut to microseconds, which is what PostgreSQL keeps, so it verifies after storage. */
    public LedgerCheckpoint sign(long treeSize, String rootHash, Instant createdAt) {
        Instant at = createdAt.truncatedTo(ChronoUnit.MICROS);
        try {
            Signature signer = Signature.getInstance(LedgerCheckpoint.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(LedgerCheckpoint.signedText(treeSize, rootHash, at).getBytes(StandardCharsets.UTF_8));
            return new LedgerCheckpoint(treeSize, rootHash, at, LedgerCheckpoint.ALGORITHM, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when the checkpoint's signature is the key's signature over its tree size, root and time. */
    public static boolean verify(LedgerCheckpoint checkpoint, PublicKey key) {
        if (!LedgerCheckpoint.ALGORITHM.equals(checkpoint.algorithm()) || checkpoint.signature() == null
                || checkpoint.rootHash() == null || checkpoint.createdAt() == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(LedgerCheckpoint.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(LedgerCheckpoint.signedText(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.createdAt())
                    .getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature or a key of another kind verifies nothing.
            return false;
        }
    }
}
