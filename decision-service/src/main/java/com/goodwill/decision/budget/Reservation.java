package com.goodwill.decision.budget;

/**
 * What one decision holds on its budget and what became of it, so that a decision's effect on a budget can be read
 * without adding up the budget's entries. The reservation may be larger than the goodwill granted: it holds the
 * dearest remedy the customer may still choose.
 *
 * @param accepted       false when the budget refused the decision (nothing was reserved)
 * @param requestedMinor what the decision asked the budget to hold
 * @param reservedMinor  what it holds now (not yet consumed nor given back)
 * @param consumedMinor  what its executed commands spent
 * @param releasedMinor  what went back to the budget (a failed command, a rejection, a cheaper choice or fallback)
 */
public record Reservation(String budgetId, boolean accepted, long requestedMinor, long reservedMinor, long consumedMinor,
                          long releasedMinor) {
}
