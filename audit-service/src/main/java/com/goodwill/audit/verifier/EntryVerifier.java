package com.goodwill.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.ledger.CheckpointInclusionProof;
import com.goodwill.audit.ledger.CheckpointSigner;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.ledger.MerkleTree;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.ledger.LedgerCheckpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies one ledger entry against a signed checkpoint, without the database or the service: the checkpoint's
 * signature holds for the public key, the entry's hash is the hash of its event, and the inclusion proof leads
 * from that hash to the checkpoint's root. Trust rests on the public key alone.
 *
 * <ul>
 *   <li>{@code --entry}: the entry as exported (a line of {@code GET /api/ledger/export}, or
 *       {@code GET /api/ledger/entries/{sequence}})</li>
 *   <li>{@code --proof}: the answer of {@code GET /api/ledger/checkpoints/{treeSize}/inclusion?sequence=}</li>
 *   <li>{@code --checkpoint} (optional, default: the one inside the proof): a checkpoint as
 *       {@code GET /api/ledger/checkpoints/{treeSize}} answers it, or as a CloudEvent from
 *       {@code goodwill.ledger-checkpoints.v1}, obtained independently of the proof</li>
 *   <li>{@code --public-key}: base64 X.509, or a file holding it as base64, PEM or the answer of
 *       {@code GET /api/ledger/checkpoints/public-key}</li>
 * </ul>
 */
public final class EntryVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final String USAGE = "usage: OfflineVerifier --entry FILE --proof FILE [--checkpoint FILE] "
            + "--public-key BASE64|FILE";

    /** Verified or not, and why, in one line. */
    public record Result(boolean verified, String message) {
    }

    private EntryVerifier() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--entry", "--proof", "--checkpoint", "--public-key").contains(args[i]) || i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--entry") || !options.containsKey("--proof") || !options.containsKey("--public-key")) {
            err.println(USAGE);
            return 2;
        }
        ExportedEntry entry;
        CheckpointInclusionProof proof;
        LedgerCheckpoint checkpoint;
        PublicKey key;
        try {
            entry = EventCodec.mapper().readValue(read(options.get("--entry")), ExportedEntry.class);
            proof = EventCodec.mapper().readValue(read(options.get("--proof")), CheckpointInclusionProof.class);
            checkpoint = options.containsKey("--checkpoint") ? checkpoint(read(options.get("--checkpoint"))) : proof.checkpoint();
            if (checkpoint == null) {
                throw new IllegalArgumentException("the proof carries no checkpoint; give one with --checkpoint");
            }
            key = publicKey(options.get("--public-key"));
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read the input: " + e.getMessage());
            return 2;
        }
        Result result = verify(entry, proof, checkpoint, key);
        out.println((result.verified() ? "VERIFIED: " : "NOT VERIFIED: ") + result.message());
        return result.verified() ? 0 : 1;
    }

    public static Result verify(ExportedEntry entry, CheckpointInclusionProof proof, LedgerCheckpoint checkpoint,
                                PublicKey key) {
        if (!CheckpointSigner.verify(checkpoint, key)) {
            return new Result(false, "the signature of the checkpoint of " + checkpoint.treeSize()
                    + " entries does not verify with the public key (checkpoint key id " + checkpoint.keyId() + ")");
        }
        String recomputed;
        try {
            recomputed = LedgerHash.chain(entry.previousHash(), entry.event());
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Result(false, "entry " + entry.sequence() + " has no readable event");
        }
        if (!recomputed.equals(entry.entryHash())) {
            return new Result(false, "the hash of entry " + entry.sequence() + " does not match its event");
        }
        if (proof.sequence() != entry.sequence()) {
            return new Result(false, "the proof is for entry " + proof.sequence() + ", not for entry " + entry.sequence());
        }
        if (proof.checkpoint() != null && proof.checkpoint().treeSize() != checkpoint.treeSize()) {
            return new Result(false, "the proof is against the checkpoint of " + proof.checkpoint().treeSize()
                    + " entries, not the one of " + checkpoint.treeSize());
        }
        if (entry.sequence() < 1 || entry.sequence() > checkpoint.treeSize() || checkpoint.treeSize() > Integer.MAX_VALUE) {
            return new Result(false, "entry " + entry.sequence() + " is not within the checkpoint's "
                    + checkpoint.treeSize() + " entries");
        }
        boolean included;
        try {
            List<byte[]> path = proof.auditPath().stream().map(HEX::parseHex).toList();
            included = MerkleTree.verifyInclusion((int) (entry.sequence() - 1), (int) checkpoint.treeSize(),
                    LedgerTree.leafOf(entry.entryHash()), path, HEX.parseHex(checkpoint.rootHash()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Result(false, "the proof or the checkpoint holds something that is not a hex hash");
        }
        if (!included) {
            return new Result(false, "the inclusion proof does not lead from entry " + entry.sequence()
                    + " to the root of the checkpoint of " + checkpoint.treeSize() + " entries");
        }
        return new Result(true, "entry " + entry.sequence() + " (event " + entry.eventId() + ") is in the ledger checkpoint of "
                + checkpoint.treeSize() + " entries, root " + checkpoint.rootHash() + ", made at " + checkpoint.createdAt()
                + ", signed by key " + checkpoint.keyId());
    }

    /** A checkpoint as the REST API answers it, or the CloudEvent that carried it on the topic. */
    private static LedgerCheckpoint checkpoint(String json) throws IOException {
        JsonNode node = EventCodec.mapper().readTree(json);
        if (node != null && node.has("specversion") && node.has("data")) {
            node = node.get("data");
        }
        return EventCodec.mapper().treeToValue(node, LedgerCheckpoint.class);
    }

    /** The key itself in base64, or a file with it in base64, PEM or the public-key endpoint's JSON. */
    static PublicKey publicKey(String argument) throws IOException {
        Path file = Path.of(argument);
        String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : argument.strip();
        if (text.startsWith("{")) {
            JsonNode key = EventCodec.mapper().readTree(text).get("publicKey");
            if (key == null || !key.isTextual()) {
                throw new IllegalArgumentException("the key file has no publicKey field");
            }
            text = key.asText();
        }
        String base64 = text.lines().filter(line -> !line.startsWith("-----")).map(String::strip)
                .reduce("", String::concat);
        return CheckpointSigner.publicKey(base64);
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
