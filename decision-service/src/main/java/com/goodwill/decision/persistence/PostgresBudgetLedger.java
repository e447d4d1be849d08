package com.goodwill.decision.persistence;

import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.decision.budget.Reservation;
import com.goodwill.decision.policy.GoodwillEngine;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The {@link BudgetLedger} over the service's PostgreSQL, on the connection of the caller's transaction. */
@ApplicationScoped
public class PostgresBudgetLedger implements BudgetLedger {

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final BudgetStore store = new BudgetStore();

    public PostgresBudgetLedger(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reserve(String budgetId, String owner, String currency, long limitMinor, String decisionId, long amountMinor) {
        return run(c -> store.reserve(c, budgetId, owner, currency, limitMinor, decisionId, amountMinor, clock.instant()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reserveAll(String budgetId, String owner, String currency, long limitMinor,
                              Map<String, Long> amountByDecision) {
        return run(c -> store.reserveAll(c, budgetId, owner, currency, limitMinor, amountByDecision, clock.instant()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean adjust(String decisionId, long amountMinor, long limitMinor) {
        return run(c -> store.adjust(c, decisionId, amountMinor, limitMinor, clock.instant()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void registerCommands(String decisionId, Map<String, Long> shareByCommand) {
        run(c -> {
            store.registerCommands(c, decisionId, shareByCommand);
            return null;
        });
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String decisionId) {
        run(c -> {
            store.release(c, decisionId, clock.instant());
            return null;
        });
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseCommand(String decisionId, String commandId) {
        run(c -> {
            store.settle(c, decisionId, commandId, null, clock.instant());
            return null;
        });
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(String decisionId, String commandId, long amountMinor) {
        run(c -> {
            store.settle(c, decisionId, commandId, amountMinor, clock.instant());
            return null;
        });
    }

    @Override
    public Optional<BudgetStanding> standing(String budgetId) {
        return run(c -> store.standing(c, budgetId));
    }

    @Override
    public GoodwillEngine.BudgetFigures figures(String budgetId, String revenueChannel, String currency, YearMonth month) {
        return run(c -> store.figures(c, budgetId, revenueChannel, currency, month));
    }

    @Override
    public Optional<Reservation> reservation(String decisionId) {
        return run(c -> store.reservation(c, decisionId));
    }

    @Override
    public List<BudgetStanding> month(YearMonth month) {
        return run(c -> store.month(c, month));
    }

    @Override
    public List<BudgetEntry> entries(String budgetId, long afterEntryId, int limit) {
        return run(c -> store.entries(c, budgetId, afterEntryId, limit));
    }

    private <T> T run(Function<Connection, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new SqlStatement.PersistenceFailure(e);
        }
    }
}
