package com.goodwill.decision.budget;

import java.time.Instant;

/**
 * One line of a budget's history. Amounts are never negative; the kind says which way the money moved.
 *
 * @param limitMinor the limit in force when a reservation was asked for; null for releases and consumption
 * @param note       why, where the kind alone does not say (e.g. "adjusted", "remainder")
 */
public record BudgetEntry(long entryId, String budgetId, String decisionId, String commandId, Kind kind,
                          long amountMinor, Long limitMinor, String note, Instant recordedAt) {

    public enum Kind {
        /** Held for a decision. */
        RESERVED,
        /** Asked for and refused: it would have overspent the limit. */
        REFUSED,
        /** Held before, given back (rejected, failed, cheaper than reserved, adjusted down). */
        RELEASED,
        /** Spent: a compensation was executed. */
        CONSUMED
    }
}
