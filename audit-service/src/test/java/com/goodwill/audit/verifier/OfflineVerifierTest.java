package com.goodwill.audit.verifier;

import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.contracts.envelope.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineVerifierTest {

    private static final List<String> EVENTS = List.of(
            "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"com.goodwill.order.placed.v1\",\"data\":{\"amountMinor\":12999}}",
            "{\"specversion\":\"1.0\",\"id\":\"e2\",\"type\":\"com.goodwill.decision.made.v1\",\"data\":{\"amountMinor\":650}}",
            "{\"specversion\":\"1.0\",\"id\":\"e3\",\"type\":\"com.goodwill.fulfilment.recorded.v1\",\"data\":{\"status\":\"SUCCEEDED\"}}");

    @Test
    void intactExportIsReportedWithItsSizeAndHeadHash() throws Exception {
        List<ExportedEntry> chain = chain(EVENTS);
        OfflineVerifier.Result result = OfflineVerifier.verify(reader(chain));
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(result.headHash()).isEqualTo(chain.get(2).entryHash());
    }

    @Test
    void changedEventIsReportedAsTheFirstBrokenEntry() throws Exception {
        List<ExportedEntry> chain = new ArrayList<>(chain(EVENTS));
        ExportedEntry second = chain.get(1);
        chain.set(1, new ExportedEntry(2, second.eventId(), second.previousHash(), second.entryHash(),
                second.event().replace("650", "65000")));
        OfflineVerifier.Result result = OfflineVerifier.verify(reader(chain));
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.entriesChecked()).isEqualTo(1);
        assertThat(result.reason()).contains("hash");
    }

    @Test
    void removedEntryIsReportedAsAMissingSequence() throws Exception {
        List<ExportedEntry> chain = new ArrayList<>(chain(EVENTS));
        chain.remove(1);
        OfflineVerifier.Result result = OfflineVerifier.verify(reader(chain));
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.reason()).contains("missing");
    }

    @Test
    void entryRehashedWithoutItsSuccessorsIsCaughtAtTheNextLink() throws Exception {
        List<ExportedEntry> chain = new ArrayList<>(chain(EVENTS));
        ExportedEntry second = chain.get(1);
        String forged = second.event().replace("650", "65000");
        chain.set(1, new ExportedEntry(2, second.eventId(), second.previousHash(),
                LedgerHash.chain(second.previousHash(), forged), forged));
        OfflineVerifier.Result result = OfflineVerifier.verify(reader(chain));
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.reason()).contains("previous hash");
    }

    @Test
    void reportSaysIntactOrNamesTheBrokenEntryAndSetsTheExitCode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int intact = OfflineVerifier.report(OfflineVerifier.verify(reader(chain(EVENTS))), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(intact).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT: 3 entries");

        out.reset();
        int broken = OfflineVerifier.report(new OfflineVerifier.Result(4, "h", 5L, "stored hash does not match"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(broken).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at sequence 5");
    }

    private static List<ExportedEntry> chain(List<String> events) {
        List<ExportedEntry> chain = new ArrayList<>();
        String previous = LedgerHash.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            String hash = LedgerHash.chain(previous, events.get(i));
            chain.add(new ExportedEntry(i + 1, "e" + (i + 1), previous, hash, events.get(i)));
            previous = hash;
        }
        return chain;
    }

    private static BufferedReader reader(List<ExportedEntry> entries) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (ExportedEntry entry : entries) {
            lines.append(EventCodec.mapper().writeValueAsString(entry)).append('\n');
        }
        return new BufferedReader(new StringReader(lines.toString()));
    }
}
