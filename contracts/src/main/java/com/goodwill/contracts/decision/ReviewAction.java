package com.goodwill.contracts.decision;

/** What a person (or the review timer) did with a decision pending approval. */
public enum ReviewAction {
    APPROVED,
    ADJUSTED,
    REJECTED,
    /** The time limit passed; the decision now waits for the next role. */
    ESCALATED,
    /** The time limit passed; the policy's fallback remedy was applied instead. */
    FALLBACK_APPLIED,
    /**
     * The incident escalated while the decision waited for review; a new decision for the escalated incident
     * replaces it, so approving the old proposal can never pay on top of the new one.
     */
    SUPERSEDED
}
