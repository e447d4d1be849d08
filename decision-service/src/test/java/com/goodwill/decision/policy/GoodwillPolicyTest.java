package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoodwillPolicyTest {

    /** A default cap unlike every per-currency cap, so a case that hits it can only have come from the default. */
    private static final StoreCreditRule RULE = new StoreCreditRule(5,
            Map.of("EUR", 2000L, "GBP", 1800L, "USD", 2200L), 1500L, 1L);

    private final GoodwillPolicy policy = new GoodwillPolicy(RULE);

    @ParameterizedTest(name = "{0} {1} -> {2} {3} ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            # order | currency | instrument   | credit | reason                      | amount in the narrative
            12999   | EUR      | STORE_CREDIT | 650    | STORE_CREDIT_SHARE_OF_ORDER | 6.50 EUR
            12970   | EUR      | STORE_CREDIT | 649    | STORE_CREDIT_SHARE_OF_ORDER | 6.49 EUR
            12950   | EUR      | STORE_CREDIT | 648    | STORE_CREDIT_SHARE_OF_ORDER | 6.48 EUR
            10      | EUR      | STORE_CREDIT | 1      | STORE_CREDIT_SHARE_OF_ORDER | 0.01 EUR
            39990   | EUR      | STORE_CREDIT | 2000   | STORE_CREDIT_SHARE_OF_ORDER | 20.00 EUR
            40000   | EUR      | STORE_CREDIT | 2000   | STORE_CREDIT_SHARE_OF_ORDER | 20.00 EUR
            40010   | EUR      | STORE_CREDIT | 2000   | STORE_CREDIT_CAPPED         | 20.00 EUR
            100000  | EUR      | STORE_CREDIT | 2000   | STORE_CREDIT_CAPPED         | 20.00 EUR
            100000  | GBP      | STORE_CREDIT | 1800   | STORE_CREDIT_CAPPED         | 18.00 GBP
            100000  | USD      | STORE_CREDIT | 2200   | STORE_CREDIT_CAPPED         | 22.00 USD
            100000  | CHF      | STORE_CREDIT | 1500   | STORE_CREDIT_CAPPED         | 15.00 CHF
            20000   | CHF      | STORE_CREDIT | 1000   | STORE_CREDIT_SHARE_OF_ORDER | 10.00 CHF
            100000  | JPY      | STORE_CREDIT | 1500   | STORE_CREDIT_CAPPED         | 1500 JPY
            """)
    void storeCreditIsFivePercentRoundedHalfUpAndCappedPerCurrency(long orderValue, String currency, Instrument instrument,
                                                                   long credit, String reason, String narrativeAmount) {
        PolicyDecision decision = policy.decide(incident(orderValue, currency, 30L));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(decision.instrument()).isEqualTo(instrument);
        assertThat(decision.amount()).isEqualTo(Money.of(credit, currency));
        assertThat(decision.reasonCode()).isEqualTo(reason);
        assertThat(decision.tier()).isEqualTo("AUTO");
        assertThat(decision.narrative()).contains(narrativeAmount + " store credit");
        if (reason.equals("STORE_CREDIT_CAPPED")) {
            assertThat(decision.narrative()).contains("capped");
        } else {
            assertThat(decision.narrative()).doesNotContain("capped");
        }
    }

    @ParameterizedTest(name = "{0} {1} -> apology")
    @CsvSource(delimiter = '|', textBlock = """
            0 | EUR
            0 | JPY
            9 | EUR
            """)
    void orderWithoutCreditableValueGetsAnApologyWithAmountZero(long orderValue, String currency) {
        PolicyDecision decision = policy.decide(incident(orderValue, currency, 30L));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(decision.instrument()).isEqualTo(Instrument.APOLOGY);
        assertThat(decision.amount()).isEqualTo(Money.of(0, currency));
        assertThat(decision.reasonCode()).isEqualTo("APOLOGY_ONLY_NO_VALUE");
        assertThat(decision.narrative()).startsWith("We apologise").doesNotContain("store credit");
    }

    @Test
    void narrativeNamesTheOrderAndTheDelay() {
        PolicyDecision decision = policy.decide(incident(12999, "EUR", 42L));

        assertThat(decision.narrative())
                .isEqualTo("Because order ord-1 arrives about 42 h later than promised, we add 6.50 EUR store credit "
                        + "(5 % of the order value).");
    }

    @Test
    void narrativeWithoutKnownDelayHoursStillReadsAsASentence() {
        PolicyDecision decision = policy.decide(incident(12999, "EUR", null));

        assertThat(decision.narrative()).startsWith("Because order ord-1 arrives later than promised, we add 6.50 EUR");
    }

    @Test
    void capComesFromTheRuleNotFromTheCode() {
        GoodwillPolicy generous = new GoodwillPolicy(new StoreCreditRule(10, Map.of("EUR", 5000L), 100L, 1L));

        PolicyDecision decision = generous.decide(incident(100000, "EUR", 30L));

        assertThat(decision.amount()).isEqualTo(Money.of(5000, "EUR"));
        assertThat(decision.reasonCode()).isEqualTo("STORE_CREDIT_CAPPED");
        assertThat(decision.narrative()).contains("10 % of the order value");
    }

    @ParameterizedTest(name = "{0} EUR with apology below {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # order | apologyBelowMinor | instrument   | amount
            9980    | 500               | APOLOGY      | 0
            10000   | 500               | STORE_CREDIT | 500
            10000   | 501               | APOLOGY      | 0
            """)
    void creditBelowThePolicysMinimumBecomesAnApology(long orderValue, long apologyBelowMinor, Instrument instrument,
                                                      long amount) {
        GoodwillPolicy policy = new GoodwillPolicy(new StoreCreditRule(5, Map.of(), 2000L, apologyBelowMinor));

        PolicyDecision decision = policy.decide(incident(orderValue, "EUR", 30L));

        assertThat(decision.instrument()).isEqualTo(instrument);
        assertThat(decision.amount()).isEqualTo(Money.of(amount, "EUR"));
        assertThat(decision.reasonCode()).isEqualTo(instrument == Instrument.APOLOGY
                ? "APOLOGY_ONLY_NO_VALUE" : "STORE_CREDIT_SHARE_OF_ORDER");
    }

    private static Incident incident(long orderValue, String currency, Long delayHours) {
        Instant promised = Instant.parse("2026-11-20T18:00:00Z");
        return new Incident("inc-1", IncidentLifecycle.OPENED, 1, "ord-1", "shp-1", "TRK1", "DHL", IncidentClass.DELAY,
                Severity.MEDIUM, IncidentSource.CARRIER, delayHours, null,
                delayHours == null ? null : promised.plusSeconds(delayHours * 3600), "late", List.of("evt-1"),
                new OrderContext("cust-1", "DE", "web", "card", Money.of(orderValue, currency), promised),
                promised.minusSeconds(3600));
    }
}
