package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads the ledger in append order, a page at a time, as exported entries. */
@ApplicationScoped
public class LedgerExport {

    @Transactional
    public List<ExportedEntry> page(long fromSequence, int size) {
        return LedgerEntryEntity.<LedgerEntryEntity>find("sequence >= ?1 order by sequence", fromSequence)
                .page(0, size).list().stream()
                .map(ExportedEntry::of)
                .toList();
    }
}
