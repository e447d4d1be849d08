package com.goodwill.decision.metrics;

import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetStanding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Burn of the current month's budgets as gauges ({@code goodwill_budget_limit_minor}, {@code _reserved_minor},
 * {@code _consumed_minor}, tagged with budget, currency and owner), read from the database: every instance shows
 * the same sums, which all instances together move. A budget of a past month drops out when the month turns.
 */
@ApplicationScoped
public class BudgetGauges {

    private final BudgetLedger ledger;
    private final Clock clock;
    private final MultiGauge limit;
    private final MultiGauge reserved;
    private final MultiGauge consumed;

    public BudgetGauges(BudgetLedger ledger, Clock clock, MeterRegistry registry) {
        this.ledger = ledger;
        this.clock = clock;
        this.limit = MultiGauge.builder("goodwill.budget.limit.minor")
                .description("Limit of the budget this month, in minor units of its currency").register(registry);
        this.reserved = MultiGauge.builder("goodwill.budget.reserved.minor")
                .description("Held for decisions not yet settled, in minor units").register(registry);
        this.consumed = MultiGauge.builder("goodwill.budget.consumed.minor")
                .description("Spent by executed compensations, in minor units").register(registry);
    }

    @Scheduled(every = "${goodwill.budgets.gauges-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        List<BudgetStanding> budgets = ledger.month(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)));
        limit.register(rows(budgets, BudgetStanding::limitMinor), true);
        reserved.register(rows(budgets, BudgetStanding::reservedMinor), true);
        consumed.register(rows(budgets, BudgetStanding::consumedMinor), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<BudgetStanding> budgets, ToLongFunction<BudgetStanding> figure) {
        return budgets.stream()
                .<MultiGauge.Row<?>>map(b -> MultiGauge.Row.of(
                        Tags.of("budget", b.budgetId(), "currency", b.currency(), "owner", b.owner()),
                        figure.applyAsLong(b)))
                .toList();
    }
}
