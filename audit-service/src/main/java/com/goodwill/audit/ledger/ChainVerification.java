package com.goodwill.audit.ledger;

/**
 * The outcome of walking the chain: how many entries were checked and, if the chain is broken, the
 * first entry whose stored hash does not match its recomputed one.
 */
public record ChainVerification(long entriesChecked, boolean intact, Long firstBrokenSequence, String firstBrokenEventId,
                                String reason) {
}
