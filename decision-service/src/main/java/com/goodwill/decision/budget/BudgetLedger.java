package com.goodwill.decision.budget;

import com.goodwill.decision.policy.GoodwillEngine;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monthly goodwill budgets and what decisions reserved and consumed on them. The policy says which budgets exist
 * and their limits; the ledger only keeps the sums, atomically, so that any number of decision-service instances
 * never overspend a budget together. Every method joins the caller's transaction; every change is also written as a
 * {@link BudgetEntry}, so that a budget's burn can be explained line by line.
 *
 * <p>A reservation is held on a budget row lock until the caller's transaction ends, so decisions on one budget
 * queue behind each other for that long: reserve as late in the transaction as possible.
 *
 * <p>Settling: a decision's reservation is settled by its compensation commands' results. A decision that issues
 * several commands registers them with their shares ({@link #registerCommands}); each result then settles its own
 * share and the reservation's remainder goes back once none is open. A decision that registers nothing is settled
 * whole by its first result (the one-command case needs no registration).
 */
public interface BudgetLedger {

    /**
     * Reserves {@code amountMinor} for the decision if the budget's limit allows it, in one atomic step; the budget's
     * row for the month is created on first use. Idempotent per decision: reserving again for the same decision
     * returns the first answer and reserves nothing more.
     *
     * @param budgetId   begins with its month, {@code YYYY-MM/} (see {@link BudgetStanding#budgetId()})
     * @param limitMinor the limit the active policy gives the budget now (base plus the revenue share)
     * @return false when the reservation would overspend the budget; nothing is reserved then (the refusal is
     *         recorded, and answered again for the same decision)
     * @throws IllegalArgumentException when the budget id does not begin with its month
     * @throws IllegalStateException    when the budget is kept in another currency
     */
    boolean reserve(String budgetId, String owner, String currency, long limitMinor, String decisionId, long amountMinor);

    /**
     * Reserves the amounts of several decisions on one budget in one atomic step, all or nothing: either the limit
     * allows their sum and each decision holds its amount (as if {@link #reserve} had been called for each, in any
     * order), or nothing is reserved nor recorded, and the caller decides them one by one with {@link #reserve}.
     * Nothing is reserved either when one of the decisions holds a reservation already.
     *
     * @param amountByDecision in the order the decisions were made
     * @return whether every amount is now reserved
     */
    boolean reserveAll(String budgetId, String owner, String currency, long limitMinor, Map<String, Long> amountByDecision);

    /**
     * Sets what the decision holds to {@code amountMinor} (a reviewer adjusted the amount, or a refused reservation
     * is tried again after approval). Less always succeeds and gives the difference back; more is reserved like
     * {@link #reserve}, all or nothing.
     *
     * @return false when the increase would overspend the budget; the reservation stays as it was
     * @throws IllegalStateException when the decision has no reservation, or one of its commands is settled already
     */
    boolean adjust(String decisionId, long amountMinor, long limitMinor);

    /**
     * Names the compensation commands of a decision with each one's share of the reservation, in the transaction that
     * issues them. Idempotent; a decision without a reservation (statutory duty, nothing reserved) is ignored.
     */
    void registerCommands(String decisionId, Map<String, Long> shareByCommand);

    /** Gives back what the decision reserved and did not consume (rejected decision). Nothing held, nothing changes. */
    void release(String decisionId);

    /** Gives back a failed command's share (the whole reservation when the decision registered no commands). */
    void releaseCommand(String decisionId, String commandId);

    /**
     * Turns the command's share of the reservation into consumption of {@code amountMinor} (what was actually executed,
     * e.g. a fallback may cost less); the rest of the share goes back, and any remainder of the reservation once every
     * command of the decision is settled. Idempotent per command. A command released before (failed, then retried by
     * an operator) consumes on top: what was spent is always recorded.
     */
    void consume(String decisionId, String commandId, long amountMinor);

    Optional<BudgetStanding> standing(String budgetId);

    /**
     * What the budget holds (reserved plus consumed; 0 before its first reservation) and the month's order revenue of
     * a channel in a currency, cancelled orders excluded, from the order events (0 when {@code revenueChannel} is null
     * or nothing was sold), read together in one statement.
     */
    GoodwillEngine.BudgetFigures figures(String budgetId, String revenueChannel, String currency, YearMonth month);

    /** What the decision holds on its budget; empty when it never drew on one (no goodwill, or a statutory duty). */
    Optional<Reservation> reservation(String decisionId);

    /** Every budget with a row in the month, for the burn report. */
    List<BudgetStanding> month(YearMonth month);

    /** The budget's entries in the order they were written, after the entry {@code afterEntryId} (0 for the first). */
    List<BudgetEntry> entries(String budgetId, long afterEntryId, int limit);
}
