package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.RiskFactor;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.goodwill.decision.policy.Cases.NOW;
import static com.goodwill.decision.policy.Cases.customer;
import static com.goodwill.decision.policy.Cases.decide;
import static com.goodwill.decision.policy.Cases.delay;
import static com.goodwill.decision.policy.Cases.incident;
import static com.goodwill.decision.policy.Cases.newCustomer;
import static com.goodwill.decision.policy.Cases.of;
import static com.goodwill.decision.policy.Cases.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** The policy engine with the shipped sample policy (and variants of it), case by case; plain Java, no Quarkus. */
class GoodwillEngineTest {

    private static final PolicyDocument SAMPLE = policy();
    private static final String CATCH_ALL_EUR = "2026-11/*/*/*/EUR";

    @ParameterizedTest(name = "{0} h late, {1} {2} -> {3} {4} ({5})")
    @CsvSource(delimiter = '|', textBlock = """
            # hours | order  | currency | instrument     | amount | reason                      | narrative amount
            3       | 12999  | EUR      | APOLOGY        | 0      | APOLOGY_SHORT_DELAY         | an apology
            6       | 12999  | EUR      | APOLOGY        | 0      | APOLOGY_SHORT_DELAY         | an apology
            7       | 12999  | EUR      | STORE_CREDIT   | 650    | STORE_CREDIT_SHARE_OF_ORDER | 6.50 EUR store credit (5 % of the order value)
            42      | 12999  | EUR      | STORE_CREDIT   | 650    | STORE_CREDIT_SHARE_OF_ORDER | 6.50 EUR store credit (5 % of the order value)
            42      | 12970  | EUR      | STORE_CREDIT   | 649    | STORE_CREDIT_SHARE_OF_ORDER | 6.49 EUR
            42      | 12950  | EUR      | STORE_CREDIT   | 648    | STORE_CREDIT_SHARE_OF_ORDER | 6.48 EUR
            42      | 40000  | EUR      | STORE_CREDIT   | 2000   | STORE_CREDIT_SHARE_OF_ORDER | 20.00 EUR
            42      | 40010  | EUR      | STORE_CREDIT   | 2000   | STORE_CREDIT_CAPPED         | 20.00 EUR store credit (5 % of the order value, capped)
            42      | 100000 | GBP      | STORE_CREDIT   | 1800   | STORE_CREDIT_CAPPED         | 18.00 GBP
            42      | 100000 | USD      | STORE_CREDIT   | 2200   | STORE_CREDIT_CAPPED         | 22.00 USD
            42      | 100000 | CHF      | STORE_CREDIT   | 2000   | STORE_CREDIT_CAPPED         | 20.00 CHF
            42      | 100000 | JPY      | STORE_CREDIT   | 2000   | STORE_CREDIT_CAPPED         | 2000 JPY
            71      | 12999  | EUR      | STORE_CREDIT   | 650    | STORE_CREDIT_SHARE_OF_ORDER | 6.50 EUR
            72      | 12999  | EUR      | PARTIAL_REFUND | 1300   | PARTIAL_REFUND_LONG_DELAY   | a partial refund of 13.00 EUR (10 % of the order value)
            """)
    void playbookGrantsTheFirstCandidateThatFitsTheDelay(long hours, long order, String currency, Instrument instrument,
                                                        long amount, String reason, String narrative) {
        GoodwillDecision decision = decide(SAMPLE, of(delay(hours, order, currency), newCustomer()));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(decision.remedies()).extracting(Remedy::instrument, r -> r.amount().amountMinor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(instrument, amount));
        assertThat(decision.remedies().get(0).amount().currency()).isEqualTo(currency);
        assertThat(decision.reasonCode()).isEqualTo(reason);
        assertThat(decision.tier()).isEqualTo(Tier.AUTO);
        assertThat(decision.segment()).isEqualTo("new");
        assertThat(decision.narrative()).contains(narrative).contains("order ord-1").endsWith(".");
        assertThat(decision.narrative()).as("one sentence").doesNotContain(". ");
        assertThat(decision.costCentre()).isEqualTo("CS-GOODWILL");
        assertThat(decision.owner()).isEqualTo("customer-care");
        assertThat(decision.facts().incidentClass()).isEqualTo(IncidentClass.DELAY);
        assertThat(decision.facts().delayHours()).isEqualTo(hours);
        assertThat(decision.facts().proactive()).isTrue();
    }

    @Test
    void storeCreditCarriesItsExpiryTemplateAndFallbacksAndOffersNoChoice() {
        GoodwillDecision decision = decide(SAMPLE, of(delay(42, 12_999, "EUR"), newCustomer()));

        GoodwillDecision.Grant grant = decision.grants().get(0);
        assertThat(grant.remedy()).isEqualTo(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365, false));
        assertThat(grant.messageTemplate()).isEqualTo("delay-store-credit");
        assertThat(grant.statutory()).isFalse();
        // The sample gives a small credit at once: no alternatives, so nothing waits for a choice.
        assertThat(decision.alternatives()).isEmpty();
        assertThat(decision.choiceHours()).isNull();
        assertThat(grant.fallbacks()).containsExactly(new Remedy(Instrument.VOUCHER, Money.of(650, "EUR"), 365, false));
        assertThat(decision.budget()).isEqualTo(new GoodwillDecision.BudgetClaim(CATCH_ALL_EUR, "customer-care", "EUR",
                5_000_000, 650, false));
        assertThat(decision.statutory()).isFalse();
        assertThat(decision.previouslyGranted()).isNull();
    }

    @Test
    void partialRefundOffersItsAlternativesWithPriceTagsAndTheTimeToChoose() {
        GoodwillDecision decision = decide(SAMPLE, of(delay(80, 12_999, "EUR"), newCustomer()));

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.PARTIAL_REFUND, Money.of(1300, "EUR")));
        // 15 % of 129.99 is 19.50 (half up), valid for a year.
        assertThat(decision.alternatives()).containsExactly(
                new Remedy(Instrument.STORE_CREDIT, Money.of(1950, "EUR"), 365, false));
        assertThat(decision.choiceHours()).isEqualTo(48);
        // The budget holds the dearest choice: whichever the customer takes, it is covered.
        assertThat(decision.budget().amountMinor()).isEqualTo(1950);
        assertThat(decision.goodwillMinor()).isEqualTo(1300);
    }

    @Test
    void anAlternativeThatWouldNeedAnApprovalIsNotOffered() {
        // 10 % of 250.00 is 25.00, the automatic limit; the 15 % store credit (37.50) would need a supervisor.
        GoodwillDecision decision = decide(SAMPLE, of(delay(80, 25_000, "EUR"), newCustomer()));

        assertThat(decision.tier()).isEqualTo(Tier.AUTO);
        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.PARTIAL_REFUND, Money.of(2500, "EUR")));
        assertThat(decision.alternatives()).isEmpty();
        assertThat(decision.choiceHours()).isNull();
        assertThat(decision.budget().amountMinor()).isEqualTo(2500);
    }

    @Test
    void anAlternativeTheBudgetCannotHoldIsNotOfferedButTheRemedyStands() {
        // 15.00 left: the refund (13.00) fits, the store credit (19.50) would not.
        Cases.Book book = new Cases.Book().used(CATCH_ALL_EUR, 5_000_000 - 1_500);

        GoodwillDecision decision = decide(SAMPLE, of(delay(80, 12_999, "EUR"), newCustomer()), book);

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.PARTIAL_REFUND, Money.of(1300, "EUR")));
        assertThat(decision.alternatives()).isEmpty();
        assertThat(decision.budget().amountMinor()).isEqualTo(1300);
    }

    @Test
    void anAlternativeIsPricedWithinTheOrdersGoodwillCap() {
        // 50 % of 129.99 = 65.00 cap; 50.00 granted for another incident of the order leaves 15.00 for this one:
        // the refund (13.00) fits, the store credit is limited to the 15.00 left.
        GoodwillEngine.History history = new GoodwillEngine.History(false, 0, 5_000, false);
        GoodwillDecision decision = decide(SAMPLE, new GoodwillEngine.Case(delay(80, 12_999, "EUR"), newCustomer(),
                RiskSignals.none("card"), history, NOW, Set.of()));

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.PARTIAL_REFUND, Money.of(1300, "EUR")));
        assertThat(decision.alternatives()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(1500, "EUR"), 365, false));
        assertThat(decision.budget().amountMinor()).isEqualTo(1500);
    }

    @Test
    void anApologyDefaultsToThePolicysTemplateAndDrawsOnNoBudget() {
        GoodwillDecision decision = decide(SAMPLE, of(delay(3, 12_999, "EUR"), newCustomer()));

        assertThat(decision.grants().get(0).messageTemplate()).isEqualTo("goodwill-apology");
        assertThat(decision.budget()).isNull();
        assertThat(decision.goodwillMinor()).isZero();
    }

    @ParameterizedTest(name = "{0}: CLV {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # customer figures: orders, spend in 365 days | order value | expected CLV (annual value x 30 % x 3 years)
            0  | 0      | 12999 | 17548
            3  | 60000  | 12999 | 54000
            1  | 10000  | 12999 | 17548
            """)
    void clvIsTheAnnualValueAtLeastTheOrderInHandTimesMarginAndLifetime(int orders, long spend, long order, long clv) {
        GoodwillDecision decision = decide(SAMPLE, of(delay(42, order, "EUR"), customer(orders, spend, 0, 0)));
        assertThat(decision.clvMinor()).isEqualTo(clv);
    }

    @ParameterizedTest(name = "{0} orders, {1} spend, {2} claims in 90 days -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | 0      | 0 | new
            1  | 12999  | 0 | new
            2  | 20000  | 0 | regular
            2  | 20000  | 2 | at-risk
            9  | 100000 | 0 | high-value
            9  | 100000 | 4 | high-value
            """)
    void customerFallsInTheFirstSegmentWhoseRuleHolds(int orders, long spend, int claims90d, String segment) {
        assertThat(decide(SAMPLE, of(delay(42, 12_999, "EUR"), customer(orders, spend, 0, claims90d))).segment())
                .isEqualTo(segment);
    }

    @Test
    void highValueCustomersGetTheMemoryAnchorOnTopFromTheirOwnBudget() {
        GoodwillDecision decision = decide(SAMPLE, of(delay(42, 12_999, "EUR"), customer(9, 150_000, 0, 0)));

        assertThat(decision.segment()).isEqualTo("high-value");
        assertThat(decision.remedies()).containsExactly(
                new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365, false),
                new Remedy(Instrument.VOUCHER, Money.of(500, "EUR"), 90, true));
        assertThat(decision.budget().budgetId()).isEqualTo("2026-11/*/high-value/*/EUR");
        assertThat(decision.budget().owner()).isEqualTo("key-accounts");
        assertThat(decision.budget().amountMinor()).isEqualTo(1150);
        assertThat(decision.narrative()).contains("plus a voucher of 5.00 EUR as a small extra");
    }

    @Test
    void noMemoryAnchorForOtherSegmentsNorOnAnApology() {
        assertThat(decide(SAMPLE, of(delay(42, 12_999, "EUR"), customer(2, 20_000, 0, 0))).remedies()).hasSize(1);
        assertThat(decide(SAMPLE, of(delay(3, 12_999, "EUR"), customer(9, 150_000, 0, 0))).remedies())
                .extracting(Remedy::instrument).containsExactly(Instrument.APOLOGY);
    }

    @Test
    void remedyThatDoesNotPayForItselfStepsDownToTheNextCheaperCandidate() {
        // A partial refund keeps less than it costs for this customer (recovery lowered); store credit still pays.
        PolicyDocument policy = policy("\"PARTIAL_REFUND\": {\"costPercent\": 100, \"recoveryPercent\": 70}",
                "\"PARTIAL_REFUND\": {\"costPercent\": 100, \"recoveryPercent\": 5}");

        GoodwillDecision decision = decide(policy, of(delay(80, 12_999, "EUR"), newCustomer()));

        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(decision.reasonCode()).isEqualTo("STORE_CREDIT_SHARE_OF_ORDER");
        assertThat(decision.narrative()).contains("stepping down because a partial refund of 13.00 EUR would cost 13.00 EUR"
                + " but keep only");
    }

    @Test
    void whenNoRemedyPaysForItselfTheCustomerStillGetsAnApology() {
        // 5 % of 0.10 EUR rounds to 0.01 EUR; keeping a customer worth so little does not pay even that.
        GoodwillDecision decision = decide(SAMPLE, of(delay(42, 10, "EUR"), newCustomer()));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.APOLOGY, Money.of(0, "EUR")));
        assertThat(decision.reasonCode()).isEqualTo("APOLOGY_ONLY_NOT_ECONOMIC");
        assertThat(decision.budget()).isNull();
    }

    @Test
    void amountBelowTheCandidatesMinimumIsNotGrantedAndTheNextCheaperOneIs() {
        // 10 % of 9.00 EUR is 0.90 EUR, below the partial refund's 1.00 EUR minimum: the store credit (5 %) instead.
        GoodwillDecision decision = decide(SAMPLE, of(delay(80, 900, "EUR"), newCustomer()));

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(45, "EUR"), 365, false));
        assertThat(decision.narrative()).contains("a partial refund would be worth too little to grant");
    }

    @ParameterizedTest(name = "granted on the order before: {0} -> {1} {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            # the order's cap is 50 % of 129.99 EUR = 65.00 EUR
            0    | STORE_CREDIT | 650 | STORE_CREDIT_SHARE_OF_ORDER
            5850 | STORE_CREDIT | 650 | STORE_CREDIT_SHARE_OF_ORDER
            6000 | STORE_CREDIT | 500 | ORDER_CAP_REACHED
            6499 | STORE_CREDIT | 1   | ORDER_CAP_REACHED
            6500 | APOLOGY      | 0   | APOLOGY_ONLY_ORDER_CAP
            """)
    void goodwillPerOrderIsCappedAcrossIncidents(long grantedOnOrder, Instrument instrument, long amount, String reason) {
        GoodwillEngine.Case c = new GoodwillEngine.Case(delay(42, 12_999, "EUR"), newCustomer(), RiskSignals.none("card"),
                new GoodwillEngine.History(false, 0, grantedOnOrder, false), NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.remedies().get(0).instrument()).isEqualTo(instrument);
        assertThat(decision.remedies().get(0).amount().amountMinor()).isEqualTo(amount);
        assertThat(decision.reasonCode()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "escalated to {0} h after {1} granted -> {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # hours | granted before | outcome         | instrument     | amount | reason
            80      | 650            | COMPENSATE      | PARTIAL_REFUND | 650    | TOP_UP
            80      | 1300           | NO_COMPENSATION |                | 0      | ALREADY_COVERED
            50      | 650            | NO_COMPENSATION |                | 0      | ALREADY_COVERED
            50      | 0              | COMPENSATE      | STORE_CREDIT   | 650    | STORE_CREDIT_SHARE_OF_ORDER
            3       | 0              | NO_COMPENSATION |                | 0      | NOTHING_FURTHER
            """)
    void escalatedIncidentTopsUpOnlyTheDifference(long hours, long before, DecisionOutcome outcome, Instrument instrument,
                                                  long amount, String reason) {
        GoodwillEngine.Case c = new GoodwillEngine.Case(delay(hours, 12_999, "EUR"), newCustomer(), RiskSignals.none("card"),
                new GoodwillEngine.History(true, before, before, false), NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.reasonCode()).isEqualTo(reason);
        assertThat(decision.previouslyGranted()).isEqualTo(Money.of(before, "EUR"));
        assertThat(decision.alternatives()).as("a top-up offers no choice").isEmpty();
        assertThat(decision.choiceHours()).isNull();
        if (instrument == null) {
            assertThat(decision.grants()).isEmpty();
            assertThat(decision.budget()).isNull();
        } else {
            assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(instrument);
            assertThat(decision.goodwillMinor()).isEqualTo(amount);
        }
        assertThat(decision.narrative()).endsWith(".");
    }

    @ParameterizedTest(name = "auto up to {0}, supervisor up to {1} -> {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2500 | 10000 | AUTO       |
            649  | 10000 | SUPERVISOR | supervisor
            649  | 650   | SUPERVISOR | supervisor
            500  | 600   | MANAGER    | goodwill-manager
            """)
    void amountsAboveTheAutomaticLimitWaitForTheRoleOfTheirTier(long auto, long supervisor, Tier tier, String role) {
        PolicyDocument policy = policy("\"EUR\": {\"autoUpToMinor\": 2500, \"supervisorUpToMinor\": 10000}",
                "\"EUR\": {\"autoUpToMinor\": " + auto + ", \"supervisorUpToMinor\": " + supervisor + "}");

        GoodwillDecision decision = decide(policy, of(delay(42, 12_999, "EUR"), newCustomer()));

        assertThat(decision.tier()).isEqualTo(tier);
        assertThat(decision.requiredRole()).isEqualTo(role);
        if (tier == Tier.AUTO) {
            assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
            return;
        }
        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(decision.reviewReasons()).containsExactly("it exceeds the automatic limit of " + (auto / 100) + "."
                + String.format("%02d", auto % 100) + " EUR");
        assertThat(decision.narrative()).contains("we propose 6.50 EUR store credit").contains("waits for a " + role);
        // Amount review: the fallback is the largest cheaper remedy the AUTO tier grants, here the apology.
        assertThat(decision.timeoutFallback()).extracting(g -> g.remedy().instrument()).containsExactly(Instrument.APOLOGY);
        assertThat(decision.reviewWithin()).isEqualTo(Duration.ofMinutes(tier == Tier.MANAGER ? 1440 : 240));
        assertThat(decision.onTimeout()).isEqualTo(tier == Tier.MANAGER ? Approvals.OnTimeout.FALLBACK : Approvals.OnTimeout.ESCALATE);
        assertThat(decision.escalateTo()).isEqualTo(tier == Tier.MANAGER ? null : "goodwill-manager");
        // The proposal still reserves its amount, so approvals cannot overspend the budget.
        assertThat(decision.budget().amountMinor()).isEqualTo(650);
    }

    @Test
    void thresholdsArePerCurrency() {
        // With GBP's automatic limit lowered to 10.00 GBP, 18.00 GBP waits for a supervisor; 20.00 EUR stays automatic.
        PolicyDocument policy = policy("\"GBP\": {\"autoUpToMinor\": 2200, \"supervisorUpToMinor\": 9000}",
                "\"GBP\": {\"autoUpToMinor\": 1000, \"supervisorUpToMinor\": 9000}");

        assertThat(decide(policy, of(delay(42, 100_000, "GBP"), newCustomer())).tier()).isEqualTo(Tier.SUPERVISOR);
        assertThat(decide(policy, of(delay(42, 100_000, "EUR"), newCustomer())).tier()).isEqualTo(Tier.AUTO);
    }

    @Test
    void highRiskRoutesToReviewWithItsFactorsAndNeverDenies() {
        CustomerFigures figures = customer(5, 20_000, 3, 5);
        RiskSignals signals = new RiskSignals("invoice", 3, 0, 0, 0);
        GoodwillEngine.Case c = new GoodwillEngine.Case(delay(42, 12_999, "EUR"), figures, signals,
                GoodwillEngine.History.NONE, NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.risk().score()).isEqualTo(25 + 20 + 10 + 20);
        assertThat(decision.risk().factors()).extracting(RiskFactor::code, RiskFactor::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CLAIMS_LAST_30_DAYS", 25),
                org.assertj.core.groups.Tuple.tuple("CLAIMS_LAST_90_DAYS", 20),
                org.assertj.core.groups.Tuple.tuple("PAYMENT_METHOD", 10),
                org.assertj.core.groups.Tuple.tuple("SHARED_ADDRESS", 20));
        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.tier()).isEqualTo(Tier.SUPERVISOR);
        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(decision.reviewReasons()).singleElement().asString()
                .startsWith("the abuse-risk score is 75 (3 goodwill claims in the last 30 days");
        // Not reviewed in time, a suspected abuse gets the apology, never a payout no person looked at.
        assertThat(decision.timeoutFallback()).extracting(g -> g.remedy().instrument()).containsExactly(Instrument.APOLOGY);
    }

    @Test
    void velocityLimitRoutesToReviewWhateverTheScore() {
        GoodwillEngine.Case c = new GoodwillEngine.Case(delay(42, 12_999, "EUR"), newCustomer(),
                new RiskSignals("card", 0, 0, 0, 3), GoodwillEngine.History.NONE, NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.risk().score()).isEqualTo(15).isLessThan(60);
        assertThat(decision.risk().factors()).extracting(RiskFactor::code).containsExactly("VELOCITY_CUSTOMER");
        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.reviewReasons()).containsExactly("a velocity limit is exceeded (3 claims in 24 hours (limit 2))");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RETURN_RATE               | 10 | 4  | 0 | 0 | 0
            ACCOUNT_AGE               | 1  | 0  | 5 | 0 | 0
            SHARED_PAYMENT_INSTRUMENT | 1  | 0  | 0 | 2 | 0
            CLAIMED_VALUE_VS_SPEND    | 1  | 0  | 0 | 0 | 1
            """)
    void eachRiskSignalCountsOnlyFromItsThreshold(String code, int orders, int returns, int accountDays,
                                                  int sharedInstrument, int claimedValue) {
        Instant since = NOW.minus(Duration.ofDays(accountDays == 0 ? 400 : accountDays));
        CustomerFigures figures = new CustomerFigures("cust-1", "EUR", since, since, NOW, orders, orders, 10_000, 10_000,
                10_000, returns, 0, 0, claimedValue == 0 ? 0 : 5_000, 0);
        RiskSignals signals = new RiskSignals("card", 0, sharedInstrument, 0, 0);

        GoodwillDecision decision = decide(SAMPLE, new GoodwillEngine.Case(delay(42, 12_999, "EUR"), figures, signals,
                GoodwillEngine.History.NONE, NOW, Set.of()));

        assertThat(decision.risk().factors()).extracting(RiskFactor::code).containsExactly(code);
        assertThat(decision.outcome()).as("one signal alone is below the review score").isEqualTo(DecisionOutcome.COMPENSATE);
    }

    @Test
    void exhaustedBudgetStepsDownToACheaperInstrument() {
        // 80 h: the partial refund (13.00) does not fit the 10.00 left, the store credit (6.50) does.
        Cases.Book book = new Cases.Book().used(CATCH_ALL_EUR, 5_000_000 - 1_000);

        GoodwillDecision decision = decide(SAMPLE, of(delay(80, 12_999, "EUR"), newCustomer()), book);

        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(decision.narrative()).contains("budget is exhausted");
    }

    @Test
    void budgetTreatedAsExhaustedAfterALostRaceLeavesOnlyTheApology() {
        GoodwillEngine.Case c = new GoodwillEngine.Case(delay(42, 12_999, "EUR"), newCustomer(), RiskSignals.none("card"),
                GoodwillEngine.History.NONE, NOW, Set.of(CATCH_ALL_EUR));

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.APOLOGY, Money.of(0, "EUR")));
        assertThat(decision.reasonCode()).isEqualTo("APOLOGY_ONLY_BUDGET_EXHAUSTED");
        assertThat(decision.budget()).isNull();
    }

    @Test
    void exhaustionRuleApologyOnlySkipsTheCheaperInstruments() {
        PolicyDocument policy = policy("\"whenExhausted\": \"CHEAPER_INSTRUMENT\"", "\"whenExhausted\": \"APOLOGY_ONLY\"");
        Cases.Book book = new Cases.Book().used(CATCH_ALL_EUR, 5_000_000 - 1_000);

        GoodwillDecision decision = decide(policy, of(delay(80, 12_999, "EUR"), newCustomer()), book);

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.APOLOGY, Money.of(0, "EUR")));
        assertThat(decision.reasonCode()).isEqualTo("APOLOGY_ONLY_BUDGET_EXHAUSTED");
    }

    @Test
    void exhaustionRuleApprovalKeepsTheRemedyAndAsksASupervisor() {
        // High-value customers draw on the key-accounts budget, whose policy asks for approval when it is spent.
        Cases.Book book = new Cases.Book().used("2026-11/*/high-value/*/EUR", 1_000_000);

        GoodwillDecision decision = decide(SAMPLE, of(delay(42, 12_999, "EUR"), customer(9, 150_000, 0, 0)), book);

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.tier()).isEqualTo(Tier.SUPERVISOR);
        assertThat(decision.reasonCode()).isEqualTo("BUDGET_EXHAUSTED_APPROVAL");
        assertThat(decision.budget().overrun()).isTrue();
        assertThat(decision.reviewReasons()).containsExactly("the 2026-11/*/high-value/*/EUR budget is exhausted");
    }

    @Test
    void budgetLimitIsTheBasePlusAShareOfTheMonthsRevenue() {
        PolicyDocument policy = policy("\"baseMinor\": {\"EUR\": 5000000, \"GBP\": 4000000, \"USD\": 5000000, \"*\": 5000000}, \"revenuePercent\": 0.5",
                "\"baseMinor\": {\"EUR\": 100, \"*\": 0}, \"revenuePercent\": 0.5");

        // 1.00 EUR base + 0.5 % of 1,000.00 EUR revenue = 6.00 EUR: too little for 6.50 EUR store credit.
        GoodwillDecision small = decide(policy, of(delay(42, 12_999, "EUR"), newCustomer()), new Cases.Book().revenue(100_000));
        // + 0.5 % of 20,000.00 EUR = 101.00 EUR: enough.
        GoodwillDecision large = decide(policy, of(delay(42, 12_999, "EUR"), newCustomer()), new Cases.Book().revenue(2_000_000));

        assertThat(small.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.APOLOGY);
        assertThat(large.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(large.budget().limitMinor()).isEqualTo(10_100);
    }

    @Test
    void statutoryDutyIsGrantedOutsideTheBudgetWithGoodwillOnTop() {
        Incident damaged = incident(IncidentClass.DAMAGED, Severity.HIGH, null, null, 12_999, "EUR");

        GoodwillDecision decision = decide(SAMPLE, of(damaged, newCustomer()));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.COMPENSATE);
        assertThat(decision.statutory()).isTrue();
        assertThat(decision.grants()).extracting(g -> g.remedy().instrument(), GoodwillDecision.Grant::statutory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instrument.REPLACEMENT, true),
                        org.assertj.core.groups.Tuple.tuple(Instrument.STORE_CREDIT, false));
        GoodwillDecision.Grant duty = decision.grants().get(0);
        assertThat(duty.remedy().amount()).isEqualTo(Money.of(12_999, "EUR"));
        assertThat(duty.fallbacks()).containsExactly(new Remedy(Instrument.FULL_REFUND, Money.of(12_999, "EUR")));
        assertThat(duty.messageTemplate()).isEqualTo("warranty-replacement");
        // Only the goodwill counts: it is what the budget holds and what decides the tier.
        assertThat(decision.goodwillMinor()).isEqualTo(650);
        assertThat(decision.budget().amountMinor()).isEqualTo(650);
        assertThat(decision.tier()).isEqualTo(Tier.AUTO);
        assertThat(decision.narrative()).contains("as a legal duty (warranty) we send a replacement shipment");
    }

    @Test
    void lostParcelOfALargeOrderGetsItsReplacementAtOnceAndGoodwillThatWaitsForASupervisor() {
        GoodwillDecision decision = decide(SAMPLE, of(incident(IncidentClass.LOST, Severity.CRITICAL, null, null, 89_900,
                "EUR"), newCustomer()));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.tier()).isEqualTo(Tier.SUPERVISOR);
        assertThat(decision.grants()).extracting(g -> g.remedy().instrument(), g -> g.remedy().amount().amountMinor(),
                GoodwillDecision.Grant::statutory).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instrument.REPLACEMENT, 89_900L, true),
                org.assertj.core.groups.Tuple.tuple(Instrument.STORE_CREDIT, 8_990L, false));
        assertThat(decision.reviewReasons()).containsExactly("it exceeds the automatic limit of 25.00 EUR");
        assertThat(decision.narrative()).contains("as a legal duty (non delivery) we send a replacement shipment");
    }

    @Test
    void dutyWithoutGoodwillOnTopIsADutyOnly() {
        PolicyDocument policy = policy("\"goodwillOnTop\": true\n    },\n    {\n      \"kind\": \"NON_DELIVERY\"",
                "\"goodwillOnTop\": false\n    },\n    {\n      \"kind\": \"NON_DELIVERY\"");

        GoodwillDecision decision = decide(policy, of(incident(IncidentClass.WRONG_ITEM, Severity.MEDIUM, null, null,
                12_999, "EUR"), newCustomer()));

        assertThat(decision.reasonCode()).isEqualTo("STATUTORY_WARRANTY");
        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.REPLACEMENT);
        assertThat(decision.budget()).isNull();
        assertThat(decision.statutory()).isTrue();
    }

    @Test
    void dutyIsNotGrantedTwiceWhenTheIncidentEscalates() {
        GoodwillEngine.Case c = new GoodwillEngine.Case(incident(IncidentClass.DAMAGED, Severity.CRITICAL, null, null,
                12_999, "EUR"), newCustomer(), RiskSignals.none("card"), new GoodwillEngine.History(true, 650, 650, true),
                NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.grants()).noneMatch(GoodwillDecision.Grant::statutory);
    }

    @Test
    void highRiskStillGetsItsDutyWhileTheGoodwillWaitsForReview() {
        GoodwillEngine.Case c = new GoodwillEngine.Case(incident(IncidentClass.DAMAGED, Severity.HIGH, null, null,
                12_999, "EUR"), customer(5, 20_000, 3, 5), new RiskSignals("invoice", 3, 0, 0, 0),
                GoodwillEngine.History.NONE, NOW, Set.of());

        GoodwillDecision decision = decide(SAMPLE, c);

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
        assertThat(decision.grants()).filteredOn(GoodwillDecision.Grant::statutory)
                .extracting(g -> g.remedy().instrument()).containsExactly(Instrument.REPLACEMENT);
        assertThat(decision.timeoutFallback()).extracting(g -> g.remedy().instrument())
                .containsExactly(Instrument.REPLACEMENT, Instrument.APOLOGY);
    }

    @Test
    void classWithoutPlaybookGetsNoCompensationWithTheReason() {
        GoodwillDecision decision = decide(SAMPLE, of(incident(IncidentClass.ADDRESS_PROBLEM, Severity.MEDIUM, null, null,
                12_999, "EUR"), newCustomer()));

        assertThat(decision.outcome()).isEqualTo(DecisionOutcome.NO_COMPENSATION);
        assertThat(decision.reasonCode()).isEqualTo("NO_PLAYBOOK");
        assertThat(decision.grants()).isEmpty();
        assertThat(decision.narrative()).isEqualTo("The policy grants no goodwill for address problem incidents such as order "
                + "ord-1's, so nothing is granted.");
    }

    @Test
    void experimentArmIsRecordedAndReplacesThePlaybookCandidates() {
        Experiment experiment = SAMPLE.experiments().get(0);
        for (String arm : List.of("control", "micro-credit", "express-upgrade", Experiment.HOLDOUT)) {
            String customerId = customerIn(experiment, arm);
            Incident predicted = incident(IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L, 0.8, 12_999, "EUR", "DE", "web",
                    customerId);

            GoodwillDecision decision = decide(SAMPLE, of(predicted, newCustomer()));

            assertThat(decision.experiment()).isEqualTo("predicted-delay-remedy-2026q4");
            assertThat(decision.arm()).isEqualTo(arm);
            Remedy remedy = decision.remedies().get(0);
            switch (arm) {
                case "micro-credit" -> assertThat(remedy).isEqualTo(new Remedy(Instrument.APOLOGY_WITH_MICRO_COMPENSATION,
                        Money.of(300, "EUR"), 90, false));
                case "express-upgrade" -> assertThat(remedy).isEqualTo(new Remedy(Instrument.EXPRESS_UPGRADE,
                        Money.of(499, "EUR"), 180, false));
                default -> assertThat(remedy).isEqualTo(new Remedy(Instrument.APOLOGY_WITH_MICRO_COMPENSATION,
                        Money.of(200, "EUR"), 90, false));
            }
            assertThat(decision.narrative()).contains("experiment predicted-delay-remedy-2026q4, arm " + arm);
        }
    }

    @Test
    void caseOutsideTheExperimentsEligibilityTakesNoPart() {
        GoodwillDecision decision = decide(SAMPLE, of(delay(42, 12_999, "EUR"), newCustomer()));
        assertThat(decision.experiment()).isNull();
        assertThat(decision.arm()).isNull();
    }

    @Test
    void controlArmLeavesOutTheMemoryAnchor() {
        Experiment experiment = SAMPLE.experiments().get(0);
        Incident control = incident(IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L, 0.8, 12_999, "EUR", "DE", "web",
                customerIn(experiment, "control"));
        Incident holdout = incident(IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L, 0.8, 12_999, "EUR", "DE", "web",
                customerIn(experiment, Experiment.HOLDOUT));

        assertThat(decide(SAMPLE, of(control, customer(9, 150_000, 0, 0))).remedies()).noneMatch(Remedy::memoryAnchor);
        assertThat(decide(SAMPLE, of(holdout, customer(9, 150_000, 0, 0))).remedies()).anyMatch(Remedy::memoryAnchor);
    }

    @Test
    void instrumentSwitchedOffByItsFlagIsNotOffered() {
        PolicyDocument off = policy("\"express-upgrade\": {\"enabled\": true}", "\"express-upgrade\": {\"enabled\": false}");
        Incident predicted = incident(IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L, 0.8, 12_999, "EUR", "DE", "web",
                customerIn(off.experiments().get(0), "express-upgrade"));

        GoodwillDecision decision = decide(off, of(predicted, newCustomer()));

        assertThat(decision.remedies()).containsExactly(new Remedy(Instrument.APOLOGY, Money.of(0, "EUR")));
        assertThat(decision.reasonCode()).isEqualTo("APOLOGY_ONLY_NO_CANDIDATE");
    }

    @Test
    void instrumentSwitchedOffIsLeftOutOfAlternativesAndFallbacksToo() {
        PolicyDocument off = policy("\"EXPRESS_UPGRADE\": \"express-upgrade\",",
                "\"EXPRESS_UPGRADE\": \"express-upgrade\", \"VOUCHER\": \"subscription-extension\",");

        GoodwillDecision decision = decide(off, of(delay(42, 12_999, "EUR"), newCustomer()));

        assertThat(decision.remedies()).extracting(Remedy::instrument).containsExactly(Instrument.STORE_CREDIT);
        assertThat(decision.alternatives()).isEmpty();
        assertThat(decision.grants().get(0).fallbacks()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-23T12:00:00Z | STORE_CREDIT_LATE_DISPATCH
            2026-12-15T12:00:00Z | APOLOGY_LATE_DISPATCH_PEAK
            2027-01-06T12:00:00Z | APOLOGY_LATE_DISPATCH_PEAK
            2027-01-07T12:00:00Z | STORE_CREDIT_LATE_DISPATCH
            """)
    void seasonFlagSwitchesACandidateOnInsideItsWindow(Instant at, String reason) {
        Incident dispatch = incident(IncidentClass.DELAYED_DISPATCH, Severity.MEDIUM, 30L, null, 12_999, "EUR");
        GoodwillEngine.Case c = new GoodwillEngine.Case(dispatch, newCustomer(), RiskSignals.none("card"),
                GoodwillEngine.History.NONE, at, Set.of());

        assertThat(decide(SAMPLE, c).reasonCode()).isEqualTo(reason);
    }

    @Test
    void marketsOwnRulesWinOverTheDefault() {
        PolicyDocument policy = policy("\"markets\": {", "\"markets\": {\n    \"NL\": {\"costCentre\": \"CS-NL\", \"owner\": "
                + "\"care-nl\", \"tiers\": {\"*\": {\"autoUpToMinor\": 100, \"supervisorUpToMinor\": 100000}}},");
        Incident nl = incident(IncidentClass.DELAY, Severity.MEDIUM, 42L, null, 12_999, "EUR", "NL", "web", "cust-1");

        GoodwillDecision decision = decide(policy, of(nl, newCustomer()));

        assertThat(decision.costCentre()).isEqualTo("CS-NL");
        assertThat(decision.tier()).isEqualTo(Tier.SUPERVISOR);
        assertThat(decide(policy, of(delay(42, 12_999, "EUR"), newCustomer())).costCentre()).isEqualTo("CS-GOODWILL");
    }

    @Test
    void sameInputsGiveTheSameDecision() {
        GoodwillEngine.Case c = of(delay(42, 12_999, "EUR"), customer(3, 30_000, 1, 1));
        assertThat(decide(SAMPLE, c)).isEqualTo(decide(SAMPLE, c));
    }

    static String customerIn(Experiment experiment, String arm) {
        for (int i = 0; i < 10_000; i++) {
            if (experiment.assign("cust-" + i).name().equals(arm)) {
                return "cust-" + i;
            }
        }
        throw new AssertionError("no customer in arm " + arm);
    }
}
