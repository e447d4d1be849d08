package com.goodwill.decision.budget;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Monthly goodwill budgets and what decisions reserved and consumed on them. The policy says which budgets exist
 * and their limits; the ledger only keeps the sums, atomically, so that any number of decision-service instances
 * never overspend a budget together. Every method joins the caller's transaction.
 */
public interface BudgetLedger {

    /**
     * Reserves {@code amountMinor} for the decision if the budget's limit allows it, in one atomic step; the budget's
     * row for the month is created on first use. Idempotent per decision: reserving again for the same decision
     * returns the first answer and reserves nothing more.
     *
     * @param limitMinor the limit the active policy gives the budget now (base plus the revenue share)
     * @return false when the reservation would overspend the budget; nothing is reserved then
     */
    boolean reserve(String budgetId, String owner, String currency, long limitMinor, String decisionId, long amountMinor);

    /** Gives back what the decision reserved and did not consume (rejected decision, failed compensation). */
    void release(String decisionId);

    /**
     * Turns the decision's reservation into consumption of {@code amountMinor} (what was actually executed, e.g. a
     * fallback may cost less); any remainder of the reservation is released once every command of the decision is settled.
     */
    void consume(String decisionId, String commandId, long amountMinor);

    Optional<BudgetStanding> standing(String budgetId);

    /** Every budget with a row in the month, for the burn report. */
    List<BudgetStanding> month(YearMonth month);

    /** The month's order revenue of a channel in a currency (cancelled orders excluded), from the order events. */
    long monthRevenueMinor(String channel, String currency, YearMonth month);
}
