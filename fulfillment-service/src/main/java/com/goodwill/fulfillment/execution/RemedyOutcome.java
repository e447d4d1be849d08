package com.goodwill.fulfillment.execution;

/** What executing one remedy came to. A failure of the outside system is an exception, not an outcome. */
public sealed interface RemedyOutcome {

    /** Done: {@code reference} is the executor's id for it (refund id, tracking number, ledger transaction, code). */
    record Executed(String reference, String detail) implements RemedyOutcome {
    }

    /** Cannot be executed at all (out of stock): the next remedy of the plan is tried. */
    record Unavailable(String reason) implements RemedyOutcome {
    }
}
