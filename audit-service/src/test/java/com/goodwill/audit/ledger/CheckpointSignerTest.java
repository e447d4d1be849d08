package com.goodwill.audit.ledger;

import com.goodwill.contracts.ledger.LedgerCheckpoint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointSignerTest {

    private static final String ROOT = "5f".repeat(32);
    private static final Instant AT = Instant.parse("2026-11-20T10:15:30.123456789Z");

    @Test
    void signedCheckpointVerifiesWithThePublicKey() {
        KeyPair pair = generate();
        CheckpointSigner signer = signer("k1", pair, pair);
        LedgerCheckpoint checkpoint = signer.sign(42, ROOT, AT);

        assertThat(checkpoint.treeSize()).isEqualTo(42);
        assertThat(checkpoint.rootHash()).isEqualTo(ROOT);
        assertThat(checkpoint.algorithm()).isEqualTo("Ed25519");
        assertThat(checkpoint.keyId()).isEqualTo("k1");
        assertThat(Base64.getDecoder().decode(checkpoint.signature())).hasSize(64);
        // Cut to what PostgreSQL keeps, so a stored checkpoint still verifies.
        assertThat(checkpoint.createdAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123456Z"));
        assertThat(CheckpointSigner.verify(checkpoint, pair.getPublic())).isTrue();
        assertThat(CheckpointSigner.verify(checkpoint, signer.publicKey())).isTrue();
    }

    @Test
    void signatureIsOverTheDocumentedTextAndNothingElse() throws Exception {
        KeyPair pair = generate();
        LedgerCheckpoint checkpoint = signer("k1", pair, pair).sign(7, ROOT, Instant.parse("2026-11-20T10:15:30Z"));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(("goodwill-ledger-checkpoint/v1\n7\n" + ROOT + "\n2026-11-20T10:15:30Z").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))).isTrue();
    }

    @Test
    void changedRootSizeOrTimeDoesNotVerify() {
        KeyPair pair = generate();
        LedgerCheckpoint checkpoint = signer("k1", pair, pair).sign(42, ROOT, AT);
        String otherRoot = "6f" + ROOT.substring(2);

        assertThat(CheckpointSigner.verify(new LedgerCheckpoint(42, otherRoot, checkpoint.createdAt(), "Ed25519", "k1",
                checkpoint.signature()), pair.getPublic())).isFalse();
        assertThat(CheckpointSigner.verify(new LedgerCheckpoint(43, ROOT, checkpoint.createdAt(), "Ed25519", "k1",
                checkpoint.signature()), pair.getPublic())).isFalse();
        assertThat(CheckpointSigner.verify(new LedgerCheckpoint(42, ROOT, checkpoint.createdAt().plusNanos(1000), "Ed25519",
                "k1", checkpoint.signature()), pair.getPublic())).isFalse();
        assertThat(CheckpointSigner.verify(new LedgerCheckpoint(42, ROOT, checkpoint.createdAt(), "Ed25519", "k1",
                "not base64!"), pair.getPublic())).isFalse();
    }

    @Test
    void anotherKeysPublicKeyDoesNotVerify() {
        KeyPair pair = generate();
        LedgerCheckpoint checkpoint = signer("k1", pair, pair).sign(42, ROOT, AT);
        assertThat(CheckpointSigner.verify(checkpoint, generate().getPublic())).isFalse();
    }

    @Test
    void keysThatAreNotOnePairAreRefusedAtOnce() {
        assertThatThrownBy(() -> signer("k1", generate(), generate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one key pair");
    }

    @Test
    void unreadableKeysAreRefusedNamingWhichOne() {
        KeyPair pair = generate();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        assertThatThrownBy(() -> new CheckpointSigner("k1", "bm90IGEga2V5", publicKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private key");
        assertThatThrownBy(() -> new CheckpointSigner("k1", privateKey, "%%%"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public key");
        assertThatThrownBy(() -> new CheckpointSigner(" ", privateKey, publicKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CheckpointSigner signer(String keyId, KeyPair privateHalf, KeyPair publicHalf) {
        return new CheckpointSigner(keyId, Base64.getEncoder().encodeToString(privateHalf.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(publicHalf.getPublic().getEncoded()));
    }
}
