package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Recomputes every entry's hash from its stored event and its predecessor, in pages. */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 1000;

    @Transactional
    public ChainVerification verify() {
        String previous = LedgerHash.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        while (true) {
            List<LedgerEntryEntity> page = LedgerEntryEntity.<LedgerEntryEntity>find("sequence >= ?1 order by sequence",
                    expectedSequence).page(0, PAGE).list();
            if (page.isEmpty()) {
                return new ChainVerification(checked, true, null, null, null);
            }
            for (LedgerEntryEntity entry : page) {
                String broken = null;
                if (entry.sequence != expectedSequence) {
                    broken = "sequence " + expectedSequence + " is missing";
                } else if (!previous.equals(entry.previousHash.trim())) {
                    broken = "previous hash does not match the entry before it";
                } else if (!LedgerHash.chain(previous, entry.payload).equals(entry.entryHash.trim())) {
                    broken = "stored hash does not match the stored event";
                }
                if (broken != null) {
                    return new ChainVerification(checked, false, entry.sequence, entry.eventId, broken);
                }
                previous = entry.entryHash.trim();
                expectedSequence++;
                checked++;
            }
        }
    }
}
