package com.goodwill.decision;

import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetEntry.Kind;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.decision.policy.GoodwillEngine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/** The budget ledger's rules against the real PostgreSQL, each step in its own transaction as a decision makes it. */
@QuarkusTest
class BudgetLedgerTest {

    private static final String OWNER = "finance-web";

    @Inject
    BudgetLedger ledger;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void reservationWithinTheLimitIsHeldAndRecorded() {
        String budget = newBudget();
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, "dec-1-" + budget, 650))).isTrue();

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 650, 0));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor, BudgetEntry::limitMinor)
                .containsExactly(tuple(Kind.RESERVED, 650L, 10_000L));
    }

    @Test
    void reservationThatWouldOverspendIsRefusedRecordedAndAnsweredAgainTheSame() {
        String budget = newBudget();
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-a-" + budget, 800))).isTrue();
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-b-" + budget, 201))).isFalse();
        // Exactly up to the limit is allowed.
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-c-" + budget, 200))).isTrue();
        // The refused decision asks again after the limit grew: the first answer stands (idempotent per decision).
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 5_000, "dec-b-" + budget, 201))).isFalse();
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 5_000, "dec-a-" + budget, 800))).isTrue();

        assertThat(standing(budget).reservedMinor()).isEqualTo(1_000);
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(Kind.RESERVED, 800L), tuple(Kind.REFUSED, 201L), tuple(Kind.RESERVED, 200L));
    }

    @Test
    void aRefusalOnAFreshBudgetCreatesItsRowWithTheLimitThatRefused() {
        String budget = newBudget();
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 100, "dec-" + budget, 101))).isFalse();

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 100, 0, 0));
        assertThat(ledger.month(YearMonth.now(clock.withZone(ZoneOffset.UTC)))).extracting(BudgetStanding::budgetId).contains(budget);
    }

    @Test
    void theLimitFollowsThePolicyOnEveryReservation() {
        String budget = newBudget();
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-1-" + budget, 900));
        // The month's revenue grew, so did the limit: what did not fit before fits now.
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_500, "dec-2-" + budget, 500))).isTrue();
        // And shrinking it refuses what no longer fits, and shows the limit that refused.
        assertThat(tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_200, "dec-3-" + budget, 1))).isFalse();
        assertThat(standing(budget).limitMinor()).isEqualTo(1_200);
        assertThat(standing(budget).availableMinor()).isEqualTo(-200);
    }

    @Test
    void consumingLessThanReservedGivesTheRestBack() {
        String budget = newBudget();
        String decision = "dec-" + budget;
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, decision, 650));
        tx(() -> {
            ledger.consume(decision, "cmd-1", 400);
            return null;
        });
        // The same result again (redelivered under another event id) changes nothing.
        tx(() -> {
            ledger.consume(decision, "cmd-1", 400);
            return null;
        });

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 400));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor, BudgetEntry::commandId)
                .containsExactly(tuple(Kind.RESERVED, 650L, null), tuple(Kind.CONSUMED, 400L, "cmd-1"),
                        tuple(Kind.RELEASED, 250L, "cmd-1"));
    }

    @Test
    void registeredCommandsSettleTheirOwnSharesAndTheLastFreesTheRest() {
        String budget = newBudget();
        String decision = "dec-" + budget;
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, decision, 1_000));
        tx(() -> {
            ledger.registerCommands(decision, Map.of("cmd-credit", 700L, "cmd-extra", 200L));
            return null;
        });

        tx(() -> {
            ledger.consume(decision, "cmd-credit", 700);
            return null;
        });
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 300, 700));

        tx(() -> {
            ledger.releaseCommand(decision, "cmd-extra");
            return null;
        });
        // The failed command's share and the 100 no command was given go back.
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 700));

        // An operator retried the failed command and it succeeded: what it spent is consumed on top.
        tx(() -> {
            ledger.consume(decision, "cmd-extra", 200);
            return null;
        });
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 900));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(Kind.RESERVED, 1_000L), tuple(Kind.CONSUMED, 700L), tuple(Kind.RELEASED, 300L),
                        tuple(Kind.CONSUMED, 200L));
    }

    @Test
    void releaseGivesBackWhatIsHeldOnce() {
        String budget = newBudget();
        String decision = "dec-" + budget;
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, decision, 650));
        tx(() -> {
            ledger.release(decision);
            ledger.release(decision);
            return null;
        });

        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 0));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(Kind.RESERVED, 650L), tuple(Kind.RELEASED, 650L));
    }

    @Test
    void aFailedSingleCommandReleasesTheWholeReservation() {
        String budget = newBudget();
        String decision = "dec-" + budget;
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, decision, 650));
        tx(() -> {
            ledger.releaseCommand(decision, "cmd-1");
            return null;
        });
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 10_000, 0, 0));
    }

    @Test
    void adjustingUpReservesTheDifferenceWithinTheLimitAndDownGivesItBack() {
        String budget = newBudget();
        String decision = "dec-" + budget;
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, decision, 500));

        assertThat(tx(() -> ledger.adjust(decision, 1_001, 1_000))).isFalse();
        assertThat(standing(budget).reservedMinor()).isEqualTo(500);
        assertThat(tx(() -> ledger.adjust(decision, 900, 1_000))).isTrue();
        assertThat(standing(budget).reservedMinor()).isEqualTo(900);
        assertThat(tx(() -> ledger.adjust(decision, 300, 1_000))).isTrue();
        assertThat(standing(budget).reservedMinor()).isEqualTo(300);

        tx(() -> {
            ledger.consume(decision, "cmd-1", 300);
            return null;
        });
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 1_000, 0, 300));
        assertThat(ledger.entries(budget, 0, 10)).extracting(BudgetEntry::kind, BudgetEntry::amountMinor)
                .containsExactly(tuple(Kind.RESERVED, 500L), tuple(Kind.REFUSED, 501L), tuple(Kind.RESERVED, 400L),
                        tuple(Kind.RELEASED, 600L), tuple(Kind.CONSUMED, 300L));
        assertThatIllegalStateException().isThrownBy(() -> tx(() -> ledger.adjust(decision, 100, 1_000)))
                .withMessageContaining("settled");
    }

    @Test
    void aDecisionWithoutReservationSettlesNothing() {
        String budget = newBudget();
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-" + budget, 500));
        tx(() -> {
            ledger.consume("statutory-" + budget, "cmd-1", 10_000);
            ledger.release("statutory-" + budget);
            return null;
        });
        assertThat(standing(budget)).isEqualTo(new BudgetStanding(budget, OWNER, "EUR", 1_000, 500, 0));
    }

    @Test
    void aBudgetIsKeptInOneCurrency() {
        String budget = newBudget();
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 1_000, "dec-1-" + budget, 500));
        assertThatIllegalStateException()
                .isThrownBy(() -> tx(() -> ledger.reserve(budget, OWNER, "GBP", 1_000, "dec-2-" + budget, 100)))
                .withMessageContaining("currency");
        assertThat(standing(budget).reservedMinor()).isEqualTo(500);
    }

    @Test
    void aBudgetIdWithoutItsMonthIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tx(() -> ledger.reserve("web/*/DELAY", OWNER, "EUR", 1_000, "dec-x", 100)))
                .withMessageContaining("month");
    }

    @Test
    void entriesArePagedInTheOrderTheyWereWritten() {
        String budget = newBudget();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, "dec-" + n + "-" + budget, 100 + n));
        }
        List<BudgetEntry> first = ledger.entries(budget, 0, 2);
        List<BudgetEntry> rest = ledger.entries(budget, first.get(1).entryId(), 10);
        assertThat(first).extracting(BudgetEntry::amountMinor).containsExactly(100L, 101L);
        assertThat(rest).extracting(BudgetEntry::amountMinor).containsExactly(102L, 103L, 104L);
    }

    @Test
    void figuresTellWhatTheBudgetHoldsAndTheMonthsRevenueInOneRead() {
        String budget = newBudget();
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(tx(() -> ledger.figures(budget, channel, "EUR", month)))
                .as("no reservation and no order yet").isEqualTo(new GoodwillEngine.BudgetFigures(0, 0));
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, "dec-1-" + budget, 650));
        tx(() -> ledger.reserve(budget, OWNER, "EUR", 10_000, "dec-2-" + budget, 100));
        QuarkusTransaction.requiringNew().run(() -> ledger.consume("dec-2-" + budget, "cmd-2-" + budget, 80));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into profile_month_revenue (month, channel, currency, revenue_minor, orders)
                        values (?1, ?2, 'EUR', 123456, 3), (?1, ?2, 'GBP', 999, 1)""")
                .setParameter(1, month.atDay(1)).setParameter(2, channel).executeUpdate());

        // Reserved 650 plus consumed 80 (the rest of the second reservation went back); the channel's EUR revenue only.
        assertThat(tx(() -> ledger.figures(budget, channel, "EUR", month)))
                .isEqualTo(new GoodwillEngine.BudgetFigures(123_456, 730));
        assertThat(tx(() -> ledger.figures(budget, null, "EUR", month)))
                .as("no revenue asked for").isEqualTo(new GoodwillEngine.BudgetFigures(0, 730));
        assertThat(tx(() -> ledger.figures(budget, channel, "EUR", month.minusMonths(1))))
                .as("another month's revenue").isEqualTo(new GoodwillEngine.BudgetFigures(0, 730));
    }

    private String newBudget() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)) + "/web/seg-" + UUID.randomUUID() + "/DELAY";
    }

    private BudgetStanding standing(String budget) {
        return ledger.standing(budget).orElseThrow();
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
