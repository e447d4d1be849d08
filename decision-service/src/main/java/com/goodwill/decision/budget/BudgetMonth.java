package com.goodwill.decision.budget;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The month a budget belongs to, which its id begins with ({@code 2026-11/web/*}{@code /DELAY}). */
public final class BudgetMonth {

    private BudgetMonth() {
    }

    /**
     * @throws IllegalArgumentException when the id does not begin with {@code YYYY-MM/}: the month is what the burn
     *                                  report groups by, so an id without one is a fault of the caller, not a budget
     */
    public static YearMonth of(String budgetId) {
        int slash = budgetId == null ? -1 : budgetId.indexOf('/');
        if (slash != 7) {
            throw new IllegalArgumentException("budget id " + budgetId + " does not begin with its month (YYYY-MM/)");
        }
        try {
            return YearMonth.parse(budgetId.substring(0, slash));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("budget id " + budgetId + " does not begin with its month (YYYY-MM/)", e);
        }
    }
}
