package com.goodwill.decision.persistence;

import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetMonth;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.decision.budget.Reservation;
import com.goodwill.decision.budget.Settlement;
import com.goodwill.decision.policy.GoodwillEngine;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The budget ledger's SQL, on whatever connection the caller's transaction runs on. Plain JDBC and no state of its
 * own, so that two instances of the service (or a test's second connection pool) run exactly this against one
 * database. Correct under concurrent transactions at READ COMMITTED without serialisation failures: a reservation is
 * one conditional upsert of the budget's row, which waits for the row lock and re-checks the limit against the
 * committed sums; settlements lock the decision's reservation row first and move the budget's sums by differences.
 */
public final class BudgetStore {

    private static final Logger LOG = Logger.getLogger(BudgetStore.class);

    /**
     * The one rule that keeps a budget from being overspent, shared by the single and the batch reservation: unless a
     * decision asked for holds a reservation already ({@code known}), add {@code :total} to the budget's row (created on
     * first use) only while reserved plus consumed plus it stays within the limit, in the budget's own currency.
     * Returns the budget's id when granted, nothing when not.
     */
    private static final String GRANT = """
                insert into budget as b (budget_id, month, owner, currency, limit_minor, reserved_minor, consumed_minor,
                                         created_at, updated_at)
                select :budget, :month, :owner, :currency, :limit, :total, 0, :now, :now
                 where not exists (select 1 from known) and :total <= :limit
                on conflict (budget_id) do update
                   set reserved_minor = b.reserved_minor + excluded.reserved_minor, limit_minor = excluded.limit_minor,
                       owner = excluded.owner, updated_at = excluded.updated_at
                 where b.reserved_minor + b.consumed_minor + excluded.reserved_minor <= excluded.limit_minor
                   and b.currency = excluded.currency
                returning b.budget_id""";

    /**
     * The hot path, one round trip: unless the decision has a reservation already, add the amount to the budget's
     * row (created on first use) if the limit allows it, and record the reservation and its entry with it.
     */
    private static final String RESERVE = """
            with known as (
                select accepted from budget_reservation where decision_id = :decision
            ), granted as (""" + GRANT + """
            ), reservation as (
                insert into budget_reservation (decision_id, budget_id, accepted, requested_minor, reserved_minor,
                                                consumed_minor, released_minor, reserved_at, updated_at)
                select :decision, budget_id, true, :amount, :amount, 0, 0, :now, :now from granted
                returning budget_id
            ), entry as (
                insert into budget_entry (budget_id, decision_id, kind, amount_minor, limit_minor, recorded_at)
                select budget_id, :decision, 'RESERVED', :amount, :limit, :now from reservation
            )
            select (select accepted from known) as earlier, exists (select 1 from reservation) as granted
            """;

    /**
     * A batch's reservations on one budget, one round trip: the sum of the amounts goes onto the budget's row (created
     * on first use) if the limit allows all of them, with each decision's reservation and entry; else nothing at all.
     * None of the decisions may hold a reservation already (a redelivered batch takes the one-by-one path).
     */
    private static final String RESERVE_ALL = """
            with ask as (
                select * from unnest(cast(:decisions as text[]), cast(:amounts as bigint[])) as a(decision_id, amount)
            ), known as (
                -- a primary-key probe per decision (a correlated subquery is never turned into a join): as an "in"
                -- the planner chose a sequential scan of all reservations ever made, for every batch
                select 1 from ask a
                 where (select true from budget_reservation r where r.decision_id = a.decision_id)
            ), granted as (""" + GRANT + """
            ), reservation as (
                insert into budget_reservation (decision_id, budget_id, accepted, requested_minor, reserved_minor,
                                                consumed_minor, released_minor, reserved_at, updated_at)
                select a.decision_id, g.budget_id, true, a.amount, a.amount, 0, 0, :now, :now from ask a cross join granted g
                returning budget_id, decision_id, requested_minor
            ), entry as (
                insert into budget_entry (budget_id, decision_id, kind, amount_minor, limit_minor, recorded_at)
                select budget_id, decision_id, 'RESERVED', requested_minor, :limit, :now from reservation
            )
            select count(*) from reservation
            """;

    /**
     * The refusal, recorded so that asking again answers the same: the budget's row is created if need be and takes
     * the limit the policy gives now (the burn report shows the limit that refused), in its own currency only.
     */
    private static final String REFUSE = """
            with budget_row as (
                insert into budget as b (budget_id, month, owner, currency, limit_minor, reserved_minor, consumed_minor,
                                         created_at, updated_at)
                values (:budget, :month, :owner, :currency, :limit, 0, 0, :now, :now)
                on conflict (budget_id) do update
                   set limit_minor = excluded.limit_minor, owner = excluded.owner, updated_at = excluded.updated_at
                 where b.currency = excluded.currency
                returning b.budget_id
            ), reservation as (
                insert into budget_reservation (decision_id, budget_id, accepted, requested_minor, reserved_minor,
                                                consumed_minor, released_minor, reserved_at, updated_at)
                select :decision, budget_id, false, :amount, 0, 0, 0, :now, :now from budget_row
                returning budget_id
            ), entry as (
                insert into budget_entry (budget_id, decision_id, kind, amount_minor, limit_minor, recorded_at)
                select budget_id, :decision, 'REFUSED', :amount, :limit, :now from reservation
            )
            select count(*) from budget_row
            """;

    private static final String LOCK_RESERVATION = """
            select budget_id, accepted, reserved_minor, consumed_minor from budget_reservation
             where decision_id = :decision for update
            """;

    private static final String MOVE_BUDGET = """
            update budget set reserved_minor = reserved_minor - :unreserved, consumed_minor = consumed_minor + :consumed,
                              updated_at = :now
             where budget_id = :budget
            """;

    private static final String ENTRY = """
            insert into budget_entry (budget_id, decision_id, command_id, kind, amount_minor, limit_minor, note, recorded_at)
            values (:budget, :decision, :command, :kind, :amount, :limit, :note, :now)
            """;

    private static final String STANDING_COLUMNS =
            "budget_id, owner, currency, limit_minor, reserved_minor, consumed_minor from budget";

    private record Held(String budgetId, boolean accepted, long reserved, long consumed) {
    }

    private record Command(String commandId, long share, Settlement.CommandState state) {
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#reserve */
    public boolean reserve(Connection connection, String budgetId, String owner, String currency, long limitMinor,
                           String decisionId, long amountMinor, Instant now) {
        requireNotNegative(amountMinor, "amount");
        requireNotNegative(limitMinor, "limit");
        LocalDate month = BudgetMonth.of(budgetId).atDay(1);
        record Answer(Boolean earlier, boolean granted) {
        }
        Answer answer = SqlStatement.on(connection, RESERVE)
                .bind("decision", decisionId).bind("budget", budgetId).bind("month", month).bind("owner", owner)
                .bind("currency", currency).bind("limit", limitMinor).bind("amount", amountMinor).bind("total", amountMinor)
                .bind("now", now).single(rs -> new Answer((Boolean) rs.getObject("earlier"), rs.getBoolean("granted")));
        if (answer.earlier() != null) {
            return answer.earlier();
        }
        if (answer.granted()) {
            return true;
        }
        long rows = SqlStatement.on(connection, REFUSE)
                .bind("decision", decisionId).bind("budget", budgetId).bind("month", month).bind("owner", owner)
                .bind("currency", currency).bind("limit", limitMinor).bind("amount", amountMinor).bind("now", now)
                .single(rs -> rs.getLong(1));
        if (rows == 0) {
            throw new IllegalStateException("Budget " + budgetId + " is kept in another currency than " + currency
                    + "; decision " + decisionId + " cannot draw on it");
        }
        LOG.infof("Budget %s refused %d %s for decision %s (limit %d)", budgetId, amountMinor, currency, decisionId, limitMinor);
        return false;
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#reserveAll */
    public boolean reserveAll(Connection connection, String budgetId, String owner, String currency, long limitMinor,
                              Map<String, Long> amountByDecision, Instant now) {
        requireNotNegative(limitMinor, "limit");
        long total = 0;
        for (Map.Entry<String, Long> amount : amountByDecision.entrySet()) {
            requireNotNegative(amount.getValue(), "amount of decision " + amount.getKey());
            total = Math.addExact(total, amount.getValue());
        }
        if (amountByDecision.isEmpty()) {
            return true;
        }
        long reserved = SqlStatement.on(connection, RESERVE_ALL)
                .bind("decisions", amountByDecision.keySet().toArray(String[]::new))
                .bind("amounts", amountByDecision.values().toArray(Long[]::new))
                .bind("budget", budgetId).bind("month", BudgetMonth.of(budgetId).atDay(1)).bind("owner", owner)
                .bind("currency", currency).bind("limit", limitMinor).bind("total", total).bind("now", now)
                .single(rs -> rs.getLong(1));
        return reserved == amountByDecision.size();
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#adjust */
    public boolean adjust(Connection connection, String decisionId, long amountMinor, long limitMinor, Instant now) {
        requireNotNegative(amountMinor, "amount");
        Held held = lock(connection, decisionId)
                .orElseThrow(() -> new IllegalStateException("Decision " + decisionId + " has no budget reservation to adjust"));
        boolean settled = held.consumed() > 0 || commands(connection, decisionId).stream()
                .anyMatch(c -> c.state() != Settlement.CommandState.OPEN);
        if (settled) {
            throw new IllegalStateException("Decision " + decisionId + " has settled commands; its reservation can no longer be adjusted");
        }
        long delta = amountMinor - held.reserved();
        if (delta > 0) {
            int granted = SqlStatement.on(connection, """
                            update budget set reserved_minor = reserved_minor + :delta, limit_minor = :limit, updated_at = :now
                             where budget_id = :budget and reserved_minor + consumed_minor + :delta <= :limit
                            """)
                    .bind("delta", delta).bind("limit", limitMinor).bind("now", now).bind("budget", held.budgetId())
                    .update();
            if (granted == 0) {
                entry(connection, held.budgetId(), decisionId, null, BudgetEntry.Kind.REFUSED, delta, limitMinor,
                        "adjustment to " + amountMinor, now);
                return false;
            }
            entry(connection, held.budgetId(), decisionId, null, BudgetEntry.Kind.RESERVED, delta, limitMinor,
                    "adjustment to " + amountMinor, now);
        } else if (delta < 0) {
            SqlStatement.on(connection, MOVE_BUDGET).bind("unreserved", -delta).bind("consumed", 0L).bind("now", now)
                    .bind("budget", held.budgetId()).update();
            entry(connection, held.budgetId(), decisionId, null, BudgetEntry.Kind.RELEASED, -delta, null,
                    "adjustment to " + amountMinor, now);
        }
        SqlStatement.on(connection, """
                        update budget_reservation
                           set requested_minor = :amount, reserved_minor = :amount, accepted = true,
                               released_minor = released_minor + greatest(0, -:delta), updated_at = :now
                         where decision_id = :decision
                        """)
                .bind("amount", amountMinor).bind("delta", delta).bind("now", now).bind("decision", decisionId).update();
        return true;
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#registerCommands */
    public void registerCommands(Connection connection, String decisionId, Map<String, Long> shareByCommand) {
        shareByCommand.forEach((commandId, share) -> {
            requireNotNegative(share, "share of command " + commandId);
            SqlStatement.on(connection, """
                            insert into budget_command (decision_id, command_id, share_minor, state, consumed_minor)
                            select decision_id, :command, :share, 'OPEN', 0 from budget_reservation
                             where decision_id = :decision
                            on conflict (decision_id, command_id) do nothing
                            """)
                    .bind("command", commandId).bind("share", share).bind("decision", decisionId).update();
        });
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#release */
    public void release(Connection connection, String decisionId, Instant now) {
        Optional<Held> locked = lock(connection, decisionId);
        if (locked.isEmpty()) {
            return;
        }
        Held held = locked.get();
        SqlStatement.on(connection, """
                        update budget_command set state = 'RELEASED', settled_at = :now
                         where decision_id = :decision and state = 'OPEN'
                        """)
                .bind("now", now).bind("decision", decisionId).update();
        if (held.reserved() == 0) {
            return;
        }
        SqlStatement.on(connection, """
                        update budget_reservation
                           set reserved_minor = 0, released_minor = released_minor + reserved_minor, updated_at = :now
                         where decision_id = :decision
                        """)
                .bind("now", now).bind("decision", decisionId).update();
        SqlStatement.on(connection, MOVE_BUDGET).bind("unreserved", held.reserved()).bind("consumed", 0L)
                .bind("now", now).bind("budget", held.budgetId()).update();
        entry(connection, held.budgetId(), decisionId, null, BudgetEntry.Kind.RELEASED, held.reserved(), null, null, now);
    }

    /**
     * Settles one command: consumed with what was executed, or released (failed) when {@code executed} is null.
     * A decision without a reservation (a statutory duty, a remedy that costs nothing) has nothing to settle.
     */
    public void settle(Connection connection, String decisionId, String commandId, Long executed, Instant now) {
        Optional<Held> locked = lock(connection, decisionId);
        if (locked.isEmpty()) {
            LOG.debugf("Decision %s reserved no budget; command %s settles nothing", decisionId, commandId);
            return;
        }
        Held held = locked.get();
        List<Command> commands = commands(connection, decisionId);
        Command command = commands.stream().filter(c -> c.commandId().equals(commandId)).findFirst().orElse(null);
        if (command != null && executed == null && command.state() != Settlement.CommandState.OPEN) {
            LOG.infof("Command %s of decision %s is settled already (%s); its failure changes nothing",
                    commandId, decisionId, command.state());
            return;
        }
        boolean othersOpen = commands.stream()
                .anyMatch(c -> !c.commandId().equals(commandId) && c.state() == Settlement.CommandState.OPEN);
        long actual = executed == null ? 0 : executed;
        requireNotNegative(actual, "executed amount");
        Settlement settlement = Settlement.of(command == null ? null : command.state(), command == null ? 0 : command.share(),
                !commands.isEmpty(), held.reserved(), actual, othersOpen);
        if (settlement == null) {
            LOG.infof("Command %s of decision %s was consumed before; nothing is consumed again", commandId, decisionId);
            return;
        }
        if (command == null && !commands.isEmpty()) {
            LOG.warnf("Command %s was not registered for decision %s; what it executed is consumed on top of the reservation",
                    commandId, decisionId);
        }
        String state = executed == null ? "RELEASED" : "CONSUMED";
        SqlStatement.on(connection, """
                        insert into budget_command (decision_id, command_id, share_minor, state, consumed_minor, settled_at)
                        values (:decision, :command, :share, :state, :consumed, :now)
                        on conflict (decision_id, command_id) do update
                           set state = excluded.state, consumed_minor = excluded.consumed_minor, settled_at = excluded.settled_at
                        """)
                .bind("decision", decisionId).bind("command", commandId)
                .bind("share", command == null ? settlement.unreserved() : command.share())
                .bind("state", state).bind("consumed", actual).bind("now", now).update();
        SqlStatement.on(connection, """
                        update budget_reservation
                           set reserved_minor = reserved_minor - :unreserved, consumed_minor = consumed_minor + :consumed,
                               released_minor = released_minor + :released, updated_at = :now
                         where decision_id = :decision
                        """)
                .bind("unreserved", settlement.unreserved()).bind("consumed", settlement.consumed())
                .bind("released", settlement.released()).bind("now", now).bind("decision", decisionId).update();
        SqlStatement.on(connection, MOVE_BUDGET).bind("unreserved", settlement.unreserved())
                .bind("consumed", settlement.consumed()).bind("now", now).bind("budget", held.budgetId()).update();
        if (executed != null) {
            entry(connection, held.budgetId(), decisionId, commandId, BudgetEntry.Kind.CONSUMED, actual, null,
                    command != null && command.state() == Settlement.CommandState.RELEASED ? "executed after its release" : null, now);
        }
        if (settlement.released() > 0) {
            entry(connection, held.budgetId(), decisionId, commandId, BudgetEntry.Kind.RELEASED, settlement.released(), null,
                    executed == null ? "command failed" : "not used by the command", now);
        }
    }

    public Optional<BudgetStanding> standing(Connection connection, String budgetId) {
        return SqlStatement.on(connection, "select " + STANDING_COLUMNS + " where budget_id = :budget")
                .bind("budget", budgetId).first(BudgetStore::standing);
    }

    /** @see com.goodwill.decision.budget.BudgetLedger#figures */
    public GoodwillEngine.BudgetFigures figures(Connection connection, String budgetId, String revenueChannel,
                                                String currency, YearMonth month) {
        return SqlStatement.on(connection, """
                        select (select b.reserved_minor + b.consumed_minor from budget b where b.budget_id = :budget) as used,
                               (select r.revenue_minor from profile_month_revenue r
                                 where r.month = :month and r.channel = :channel and r.currency = :currency) as revenue
                        """)
                .bind("budget", budgetId).bind("month", month.atDay(1)).bind("channel", revenueChannel)
                .bind("currency", currency)
                .single(rs -> new GoodwillEngine.BudgetFigures(rs.getLong("revenue"), rs.getLong("used")));
    }

    public Optional<Reservation> reservation(Connection connection, String decisionId) {
        return SqlStatement.on(connection, """
                        select budget_id, accepted, requested_minor, reserved_minor, consumed_minor, released_minor
                          from budget_reservation where decision_id = :decision
                        """)
                .bind("decision", decisionId)
                .first(rs -> new Reservation(rs.getString("budget_id"), rs.getBoolean("accepted"),
                        rs.getLong("requested_minor"), rs.getLong("reserved_minor"), rs.getLong("consumed_minor"),
                        rs.getLong("released_minor")));
    }

    public List<BudgetStanding> month(Connection connection, YearMonth month) {
        return SqlStatement.on(connection, "select " + STANDING_COLUMNS + " where month = :month order by budget_id")
                .bind("month", month.atDay(1)).list(BudgetStore::standing);
    }

    public List<BudgetEntry> entries(Connection connection, String budgetId, long afterEntryId, int limit) {
        return SqlStatement.on(connection, """
                        select entry_id, budget_id, decision_id, command_id, kind, amount_minor, limit_minor, note, recorded_at
                          from budget_entry where budget_id = :budget and entry_id > :after order by entry_id limit :limit
                        """)
                .bind("budget", budgetId).bind("after", afterEntryId).bind("limit", limit)
                .list(rs -> new BudgetEntry(rs.getLong("entry_id"), rs.getString("budget_id"), rs.getString("decision_id"),
                        rs.getString("command_id"), BudgetEntry.Kind.valueOf(rs.getString("kind")), rs.getLong("amount_minor"),
                        (Long) rs.getObject("limit_minor"), rs.getString("note"), SqlStatement.instant(rs, "recorded_at")));
    }

    private static BudgetStanding standing(ResultSet rs) throws SQLException {
        return new BudgetStanding(rs.getString("budget_id"), rs.getString("owner"), rs.getString("currency"),
                rs.getLong("limit_minor"), rs.getLong("reserved_minor"), rs.getLong("consumed_minor"));
    }

    private static Optional<Held> lock(Connection connection, String decisionId) {
        return SqlStatement.on(connection, LOCK_RESERVATION).bind("decision", decisionId)
                .first(rs -> new Held(rs.getString("budget_id"), rs.getBoolean("accepted"), rs.getLong("reserved_minor"),
                        rs.getLong("consumed_minor")));
    }

    private static List<Command> commands(Connection connection, String decisionId) {
        return SqlStatement.on(connection, "select command_id, share_minor, state from budget_command where decision_id = :decision")
                .bind("decision", decisionId)
                .list(rs -> new Command(rs.getString("command_id"), rs.getLong("share_minor"),
                        Settlement.CommandState.valueOf(rs.getString("state"))));
    }

    private static void entry(Connection connection, String budgetId, String decisionId, String commandId,
                              BudgetEntry.Kind kind, long amount, Long limit, String note, Instant now) {
        SqlStatement.on(connection, ENTRY).bind("budget", budgetId).bind("decision", decisionId).bind("command", commandId)
                .bind("kind", kind.name()).bind("amount", amount).bind("limit", limit).bind("note", note).bind("now", now)
                .update();
    }

    private static void requireNotNegative(long amount, String what) {
        if (amount < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + amount);
        }
    }
}
