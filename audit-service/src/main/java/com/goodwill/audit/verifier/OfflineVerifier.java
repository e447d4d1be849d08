package com.goodwill.audit.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.contracts.envelope.EventCodec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies the ledger without the database, in one of two modes.
 *
 * <p>The chain: an exported ledger (JSON Lines from {@code GET /api/ledger/export}); every entry must follow
 * the one before it and hash to what it says. Exit code 0 when the chain is intact, 1 when it is broken
 * (naming the first broken entry), 2 when the input cannot be read.
 *
 * <pre>java -cp "audit-service/target/quarkus-app/app/*:audit-service/target/quarkus-app/lib/main/*" \
 *     com.goodwill.audit.verifier.OfflineVerifier ledger.jsonl</pre>
 *
 * <p>One entry against a signed checkpoint ({@link EntryVerifier}): the entry, its inclusion proof, the
 * checkpoint and the public key; exit code 0 when verified, 1 when not, 2 when an input cannot be read.
 *
 * <pre>java -cp ... com.goodwill.audit.verifier.OfflineVerifier --entry entry.json --proof proof.json \
 *     [--checkpoint checkpoint.json] --public-key key.json</pre>
 */
public final class OfflineVerifier {

    /** The outcome of a verification: entries checked, the head hash, and the first broken entry if any. */
    public record Result(long entriesChecked, String headHash, Long firstBrokenSequence, String reason) {

        public boolean intact() {
            return firstBrokenSequence == null && reason == null;
        }
    }

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line: the chain mode with a file (or stdin), the entry mode with options; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].startsWith("--")) {
            return EntryVerifier.run(args, out, err);
        }
        try (BufferedReader reader = args.length == 0 || "-".equals(args[0])
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            return report(verify(reader), out);
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read the exported ledger: " + e.getMessage());
            return 2;
        }
    }

    static int report(Result result, PrintStream out) {
        if (result.intact()) {
            out.printf("INTACT: %d entries, head hash %s%n", result.entriesChecked(), result.headHash());
            return 0;
        }
        out.printf("BROKEN at sequence %d after %d intact entries: %s%n", result.firstBrokenSequence(),
                result.entriesChecked(), result.reason());
        return 1;
    }

    /** Walks the export from the first entry; stops at the first broken link. */
    public static Result verify(BufferedReader export) throws IOException {
        String previous = LedgerHash.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        String line;
        while ((line = export.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            ExportedEntry entry;
            try {
                entry = EventCodec.mapper().readValue(line, ExportedEntry.class);
            } catch (JsonProcessingException e) {
                return new Result(checked, previous, expectedSequence, "line is not an exported entry: " + e.getOriginalMessage());
            }
            if (entry.sequence() != expectedSequence) {
                return new Result(checked, previous, expectedSequence, "sequence " + expectedSequence + " is missing");
            }
            String broken = LedgerHash.brokenLink(previous, entry.previousHash(), entry.event(), entry.entryHash());
            if (broken != null) {
                return new Result(checked, previous, entry.sequence(), broken);
            }
            previous = entry.entryHash();
            expectedSequence++;
            checked++;
        }
        return new Result(checked, previous, null, null);
    }
}
