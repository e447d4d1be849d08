package com.goodwill.decision.budget;

/**
 * One monthly goodwill budget as it stands. Available = limit - reserved - consumed. The limit already includes
 * the share of the month's revenue the policy grants on top of the base.
 *
 * @param budgetId  {@code <month>/<channel>/<segment>/<incident class>/<currency>} with {@code *} for any, e.g.
 *                  {@code 2026-11/web/*}{@code /DELAY/EUR} (see the policy's BudgetRule: one row per currency)
 * @param owner     the person or team answerable for it
 */
public record BudgetStanding(String budgetId, String owner, String currency, long limitMinor, long reservedMinor,
                             long consumedMinor) {

    public long availableMinor() {
        return limitMinor - reservedMinor - consumedMinor;
    }
}
