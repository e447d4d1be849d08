package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.incident.IncidentClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of a policy on their own: amount rules, budgets' ids and limits, flags, approval authority. */
class PolicyPartsTest {

    @ParameterizedTest(name = "{0} % / fixed {1}, round to {2}, cap {3}, min {4} of {5} {6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # percent | fixed | roundTo | cap  | min | order  | currency | amount (- = not granted) | capped
            5         | -     | -       | -    | -   | 12999  | EUR      | 650   | false
            5         | -     | -       | 2000 | -   | 100000 | EUR      | 2000  | true
            5         | -     | -       | 2000 | -   | 40000  | EUR      | 2000  | false
            2.5       | -     | -       | -    | -   | 12999  | EUR      | 325   | false
            7         | -     | 100     | -    | -   | 12999  | EUR      | 900   | false
            7         | -     | 100     | 850  | -   | 12999  | EUR      | 850   | true
            5         | -     | -       | -    | 100 | 1900   | EUR      | -     | false
            5         | -     | -       | -    | 100 | 2000   | EUR      | 100   | false
            -         | 500   | -       | -    | -   | 12999  | EUR      | 500   | false
            -         | 500   | -       | -    | -   | 12999  | JPY      | 500   | false
            -         | 500   | -       | 300  | -   | 12999  | EUR      | 300   | true
            100       | -     | -       | -    | -   | 12999  | EUR      | 12999 | false
            """)
    void amountRuleIsAShareOrFixedRoundedCappedAndAtLeastItsMinimum(BigDecimal percent, Long fixed, Long roundTo, Long cap,
                                                                   Long min, long order, String currency, Long amount,
                                                                   boolean capped) {
        AmountRule rule = new AmountRule(percent, fixed == null ? null : Map.of("*", fixed),
                cap == null ? null : Map.of(currency, cap), min == null ? null : Map.of("*", min), roundTo);

        var result = rule.amountFor(Money.of(order, currency));

        if (amount == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).contains(new AmountRule.Amount(amount, capped));
        }
    }

    @Test
    void capOfOneCurrencyDoesNotApplyToAnother() {
        AmountRule rule = new AmountRule(BigDecimal.TEN, null, Map.of("EUR", 100L), null, null);
        assertThat(rule.amountFor(Money.of(10_000, "GBP")).orElseThrow().minor()).isEqualTo(1000);
        assertThat(rule.amountFor(Money.of(10_000, "EUR")).orElseThrow().minor()).isEqualTo(100);
    }

    @Test
    void budgetIsNamedByMonthSelectorsAndCurrencyAndMatchesWildcards() {
        BudgetRule rule = new BudgetRule("web", "*", "DELAY", "care", Map.of("EUR", 1000L, "*", 500L),
                new BigDecimal("0.5"), BudgetRule.Exhaustion.CHEAPER_INSTRUMENT);

        assertThat(rule.budgetId(YearMonth.of(2026, 11), "EUR")).isEqualTo("2026-11/web/*/DELAY/EUR");
        assertThat(rule.matches("web", "new", IncidentClass.DELAY)).isTrue();
        assertThat(rule.matches("app", "new", IncidentClass.DELAY)).isFalse();
        assertThat(rule.matches("web", "new", IncidentClass.LOST)).isFalse();
        // Base 10.00 EUR plus 0.5 % of 2,000.00 EUR revenue; rounded down, never granting a cent the share does not.
        assertThat(rule.limitMinor("EUR", 200_000)).isEqualTo(2000);
        assertThat(rule.limitMinor("EUR", 199)).isEqualTo(1000);
        assertThat(rule.limitMinor("CHF", 0)).isEqualTo(500);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-26T23:59:59Z | DE | false
            2026-11-27T00:00:00Z | DE | true
            2026-11-30T23:59:59Z | AT | true
            2026-11-28T12:00:00Z | FR | false
            2026-12-01T00:00:00Z | DE | false
            """)
    void campaignFlagIsOnInItsMarketsFromItsStartUntilItsEnd(Instant at, String market, boolean on) {
        FeatureFlags flags = new FeatureFlags(Map.of("black-friday", new FeatureFlags.Flag(true, List.of("DE", "AT"),
                Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), null)));
        assertThat(flags.isOn("black-friday", market, at)).isEqualTo(on);
    }

    @Test
    void disabledOrUnknownFlagIsOff() {
        FeatureFlags flags = new FeatureFlags(Map.of("off", new FeatureFlags.Flag(false, null, null, null, null)));
        assertThat(flags.isOn("off", "DE", Instant.parse("2026-11-27T00:00:00Z"))).isFalse();
        assertThat(flags.isOn("unknown", "DE", Instant.parse("2026-11-27T00:00:00Z"))).isFalse();
    }

    @Test
    void aRoleActsOnItsOwnTierAndTheOnesBelowOnly() {
        Approvals approvals = Cases.policy().approvals();
        assertThat(approvals.mayAct("supervisor", "supervisor")).isTrue();
        assertThat(approvals.mayAct("goodwill-manager", "supervisor")).isTrue();
        assertThat(approvals.mayAct("supervisor", "goodwill-manager")).isFalse();
        assertThat(approvals.mayAct("intern", "supervisor")).isFalse();
    }
}
