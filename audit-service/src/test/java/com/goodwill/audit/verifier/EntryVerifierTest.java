package com.goodwill.audit.verifier;

import com.goodwill.audit.ledger.CheckpointInclusionProof;
import com.goodwill.audit.ledger.CheckpointSigner;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.ledger.MerkleTree;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier's entry mode on a ledger of five entries built here, from the command line down. */
class EntryVerifierTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private final List<ExportedEntry> entries = new ArrayList<>();
    private KeyPair keys;
    private LedgerCheckpoint checkpoint;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void ledgerOfFiveEntriesWithACheckpoint() throws Exception {
        String previous = LedgerHash.GENESIS;
        for (int i = 1; i <= 5; i++) {
            String event = "{\"specversion\":\"1.0\",\"id\":\"e" + i + "\",\"data\":{\"amountMinor\":" + (100 * i) + "}}";
            String hash = LedgerHash.chain(previous, event);
            entries.add(new ExportedEntry(i, "e" + i, previous, hash, event));
            previous = hash;
        }
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointSigner signer = new CheckpointSigner("k1", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        checkpoint = signer.sign(5, HEX.formatHex(MerkleTree.root(leaves())), Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void entryWithItsProofAndTheSignedCheckpointVerifies() throws Exception {
        int exit = run(entries.get(2), proof(3), null, publicKeyBase64());
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VERIFIED: entry 3 (event e3)")
                .contains("checkpoint of 5 entries").contains("key k1");
    }

    @Test
    void checkpointFromTheTopicAndAKeyFileInPemAreAccepted() throws Exception {
        Path event = write("checkpoint-event.json", EventCodec.toJson(EventCodec.wrap(EventTypes.LEDGER_CHECKPOINT,
                "/goodwill/audit-service", Subjects.LEDGER, checkpoint.createdAt(), null, null, checkpoint)));
        Path pem = write("key.pem", "-----BEGIN PUBLIC KEY-----\n" + publicKeyBase64() + "\n-----END PUBLIC KEY-----\n");
        int exit = OfflineVerifier.run(new String[]{"--entry", write("entry.json", json(entries.get(0))).toString(),
                "--proof", write("proof.json", json(proof(1))).toString(), "--checkpoint", event.toString(),
                "--public-key", pem.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void changedEventIsNotVerified() throws Exception {
        ExportedEntry entry = entries.get(1);
        ExportedEntry changed = new ExportedEntry(2, "e2", entry.previousHash(), entry.entryHash(),
                entry.event().replace("200", "20000"));
        assertThat(run(changed, proof(2), null, publicKeyBase64())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT VERIFIED").contains("does not match its event");
    }

    @Test
    void modifiedProofIsNotVerified() throws Exception {
        CheckpointInclusionProof proof = proof(4);
        List<String> path = new ArrayList<>(proof.auditPath());
        path.set(0, "00" + path.get(0).substring(2));
        CheckpointInclusionProof modified = new CheckpointInclusionProof(4, 3, proof.leafHash(), path, checkpoint);
        assertThat(run(entries.get(3), modified, null, publicKeyBase64())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("does not lead from entry 4");
    }

    @Test
    void proofOfAnotherEntryIsNotVerified() throws Exception {
        assertThat(run(entries.get(3), proof(2), null, publicKeyBase64())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the proof is for entry 2");
    }

    @Test
    void checkpointWithAChangedRootOrAnotherKeyIsNotVerified() throws Exception {
        LedgerCheckpoint forged = new LedgerCheckpoint(5, "00" + checkpoint.rootHash().substring(2), checkpoint.createdAt(),
                "Ed25519", "k1", checkpoint.signature());
        assertThat(run(entries.get(0), proof(1), forged, publicKeyBase64())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("signature");

        out.reset();
        String otherKey = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        assertThat(run(entries.get(0), proof(1), null, otherKey)).isEqualTo(1);
    }

    @Test
    void missingOrUnreadableInputExitsWithTwo() throws Exception {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(OfflineVerifier.run(new String[]{"--entry", "x.json"}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
        assertThat(OfflineVerifier.run(new String[]{"--entry", dir.resolve("absent.json").toString(), "--proof", "p",
                "--public-key", publicKeyBase64()}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read");
    }

    private int run(ExportedEntry entry, CheckpointInclusionProof proof, LedgerCheckpoint separateCheckpoint,
                    String publicKey) throws Exception {
        List<String> args = new ArrayList<>(List.of("--entry", write("entry.json", json(entry)).toString(),
                "--proof", write("proof.json", json(proof)).toString(), "--public-key", publicKey));
        if (separateCheckpoint != null) {
            args.addAll(List.of("--checkpoint", write("checkpoint.json", json(separateCheckpoint)).toString()));
        }
        return OfflineVerifier.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private CheckpointInclusionProof proof(int sequence) {
        List<byte[]> leaves = leaves();
        return new CheckpointInclusionProof(sequence, sequence - 1, HEX.formatHex(leaves.get(sequence - 1)),
                MerkleTree.inclusionProof(sequence - 1, leaves).stream().map(HEX::formatHex).toList(), checkpoint);
    }

    private List<byte[]> leaves() {
        return entries.stream().map(e -> LedgerTree.leafOf(e.entryHash())).toList();
    }

    private String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String json(Object value) throws Exception {
        return EventCodec.mapper().writeValueAsString(value);
    }
}
