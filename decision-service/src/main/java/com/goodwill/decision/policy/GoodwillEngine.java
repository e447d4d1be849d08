package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.policy.GoodwillDecision.BudgetClaim;
import com.goodwill.decision.policy.GoodwillDecision.Grant;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an incident into the smallest remedy that works, inside budgets, caps and guardrails, as the policy document
 * says. Plain Java and deterministic: the same inputs give the same decision. The order of the rules:
 * <ol>
 *   <li>the customer's segment and CLV, the abuse-risk score, the experiment arm;</li>
 *   <li>a statutory duty, if one arises (granted, never budgeted, never reviewed);</li>
 *   <li>the playbook of the incident class: the first candidate offered for the case whose dose conditions hold;
 *       then, while it yields nothing, does not pay for itself (economic rule), exceeds the order's cap or its budget,
 *       the cheaper candidates before it; an apology at the end (a broken promise never gets silence);</li>
 *   <li>an escalated incident gets only the difference to what was granted for it before;</li>
 *   <li>the segment's memory anchor on top, the approval tier from the total, raised by risk or a budget overrun.</li>
 * </ol>
 */
public final class GoodwillEngine {

    /** Instruments whose amount can be split, so a cap or a top-up can grant part of them. */
    private static final Set<Instrument> DIVISIBLE = EnumSet.of(Instrument.PARTIAL_REFUND, Instrument.STORE_CREDIT,
            Instrument.VOUCHER, Instrument.APOLOGY_WITH_MICRO_COMPENSATION);

    private final PolicyDocument policy;
    private final MarketRules market;
    private final FeatureFlags flags;

    /** Where and when the case is decided: which instruments' flags are on. */
    private final String pricingMarket;
    private final Instant pricingAt;

    public GoodwillEngine(PolicyDocument policy, MarketRules market) {
        this(policy, market, null, null);
    }

    private GoodwillEngine(PolicyDocument policy, MarketRules market, String pricingMarket, Instant pricingAt) {
        this.policy = policy;
        this.market = market;
        this.flags = policy.featureFlags();
        this.pricingMarket = pricingMarket;
        this.pricingAt = pricingAt;
    }

    /**
     * What was granted for the incident and its order before this decision.
     *
     * @param incidentDecidedBefore      the incident has a decision already (this is an escalation)
     * @param grantedForIncidentMinor    goodwill granted or proposed for this incident so far (statutory excluded)
     * @param grantedForOrderMinor       goodwill granted or proposed for the whole order so far, this incident included
     * @param dutyGrantedBefore          a statutory duty was granted for this incident already
     */
    public record History(boolean incidentDecidedBefore, long grantedForIncidentMinor, long grantedForOrderMinor,
                          boolean dutyGrantedBefore) {

        public static final History NONE = new History(false, 0, 0, false);
    }

    /** The budget figures the engine needs, read by the service from its budget ledger. */
    @FunctionalInterface
    public interface BudgetBook {

        /** A book with no revenue and nothing used on any budget: every limit at its base, every budget fresh. */
        BudgetBook FRESH = (budgetId, usedNeeded, revenueChannel, currency, month) -> new BudgetFigures(0, 0);

        /**
         * What a decision needs of its budget, asked at once: the month's revenue of {@code revenueChannel} in the
         * currency (null: the limit does not scale with revenue, 0 is given) and, when {@code usedNeeded}, what the
         * budget holds, reserved plus consumed this month (otherwise the engine does not look at it, and a book need not
         * read it). A book that reads a database answers both with one statement.
         */
        BudgetFigures figures(String budgetId, boolean usedNeeded, String revenueChannel, String currency, YearMonth month);
    }

    /** The month's revenue a budget's limit scales with, and what the budget holds; see {@link BudgetBook#figures}. */
    public record BudgetFigures(long monthRevenueMinor, long usedMinor) {
    }

    /** Everything a decision is made on. {@code exhaustedBudgets}: budgets to treat as spent (a reservation lost a race). */
    public record Case(Incident incident, CustomerFigures figures, RiskSignals signals, History history, Instant at,
                       Set<String> exhaustedBudgets) {

        public Case {
            exhaustedBudgets = exhaustedBudgets == null ? Set.of() : Set.copyOf(exhaustedBudgets);
        }
    }

    public GoodwillDecision decide(Case c, BudgetBook budgets) {
        return new GoodwillEngine(policy, market, c.incident().order().market(), c.at()).decideCase(c, budgets);
    }

    private GoodwillDecision decideCase(Case c, BudgetBook budgets) {
        Incident incident = c.incident();
        Money orderValue = incident.order().orderValue();
        String currency = orderValue.currency();
        Economics economics = policy.economics();
        long clv = economics == null ? 0 : economics.clvMinor(c.figures(), orderValue);
        String segment = policy.segments().stream().filter(s -> s.contains(c.figures(), clv, c.at()))
                .map(Segment::name).findFirst().orElse("unsegmented");
        Segment segmentRules = policy.segments().stream().filter(s -> s.name().equals(segment)).findFirst().orElse(null);
        String marketCode = incident.order().market();
        CaseView view = new CaseView(incident.incidentClass(), incident.severity(), incident.delayHours(),
                incident.delayProbability(), marketCode, incident.order().channel(), orderValue, segment, c.at());
        RiskScore.Result risk = RiskScore.assess(policy.risk(), c.figures(), c.signals(), c.at());
        CaseFacts facts = facts(incident);
        Money previously = c.history().incidentDecidedBefore() ? Money.of(c.history().grantedForIncidentMinor(), currency) : null;

        Experiment experiment = policy.experiments().stream().filter(e -> e.eligibility().holds(view, flags))
                .findFirst().orElse(null);
        Experiment.Arm arm = experiment == null ? null : experiment.assign(incident.order().customerId());

        Decider decider = new Decider(c, view, economics, clv, budgets, segment);

        // A legal duty first: it is owed whatever the budgets, caps and scores say.
        List<Grant> grants = new ArrayList<>();
        StatutoryRule duty = c.history().dutyGrantedBefore() ? null
                : policy.statutory().stream().filter(s -> s.when() == null || s.when().holds(view, flags)).findFirst().orElse(null);
        String dutyText = "";
        if (duty != null) {
            Candidate remedy = duty.remedy();
            long amount = remedy.amountRule().amountFor(orderValue).map(AmountRule.Amount::minor).orElse(0L);
            grants.add(new Grant(new Remedy(remedy.instrument(), Money.of(amount, currency), remedy.validForDays(), false),
                    priced(remedy.fallbacks(), orderValue, amount), template(remedy.messageTemplate(), remedy.instrument()), true));
            dutyText = ", and as a legal duty (" + duty.kind().toLowerCase().replace('_', ' ') + ") we send "
                    + words(remedy.instrument(), Money.of(amount, currency));
        }
        boolean goodwill = duty == null || duty.goodwillOnTop();
        Playbook playbook = policy.playbooks().get(incident.incidentClass());
        boolean playbookOn = playbook != null && (playbook.flag() == null || flags.isOn(playbook.flag(), marketCode, c.at()));

        if (!goodwill || !playbookOn) {
            String reason;
            String narrative;
            if (duty != null) {
                reason = "STATUTORY_" + duty.kind();
                narrative = "Because " + problem(incident) + ", we owe the customer " + words(grants.get(0).remedy().instrument(),
                        grants.get(0).remedy().amount()) + " as a legal duty (" + duty.kind().toLowerCase().replace('_', ' ')
                        + "), which is not goodwill and draws on no budget.";
            } else {
                reason = "NO_PLAYBOOK";
                narrative = "The policy grants no goodwill for " + words(incident.incidentClass()) + " incidents such as order "
                        + incident.orderId() + "'s, so nothing is granted.";
            }
            return new GoodwillDecision(duty != null ? DecisionOutcome.COMPENSATE : DecisionOutcome.NO_COMPENSATION, grants,
                    List.of(), null, Tier.AUTO, null, null, null, null, List.of(), reason, narrative, market.costCentre(), market.owner(),
                    segment, clv, risk.assessment(), experimentId(experiment), armName(arm), null, duty != null, previously,
                    facts, List.of(), null);
        }

        List<Candidate> candidates = arm != null && arm.candidates() != null ? arm.candidates() : playbook.candidates();
        List<Candidate> offered = candidates.stream()
                .filter(x -> x.when().offered(view, flags) && instrumentOffered(x.instrument(), marketCode, c.at())).toList();
        int chosen = -1;
        for (int i = 0; i < offered.size(); i++) {
            if (offered.get(i).when().fitsTheProblem(view)) {
                chosen = i;
                break;
            }
        }
        List<Candidate> steps = new ArrayList<>();
        for (int i = chosen; i >= 0; i--) {
            steps.add(offered.get(i));
        }

        Choice choice = decider.walk(steps, Long.MAX_VALUE, true);
        List<String> reviewReasons = new ArrayList<>();
        if (choice.covered()) {
            String narrative = "Order " + incident.orderId() + "'s " + words(incident.incidentClass()) + " incident changed ("
                    + problem(incident) + "), but the " + format(Money.of(c.history().grantedForIncidentMinor(), currency))
                    + " granted for it before already cover" + "s it" + dutyText + ".";
            return new GoodwillDecision(grants.isEmpty() ? DecisionOutcome.NO_COMPENSATION : DecisionOutcome.COMPENSATE, grants,
                    List.of(), null, Tier.AUTO, null, null, null, null, List.of(), "ALREADY_COVERED", narrative, market.costCentre(),
                    market.owner(), segment, clv, risk.assessment(), experimentId(experiment), armName(arm), null,
                    duty != null, previously, facts, List.of(), choice.candidate() == null ? null : choice.candidate().id());
        }
        if (choice.grantMinor() == 0 && c.history().incidentDecidedBefore()) {
            // An escalation that would earn no more than an apology: the first decision's apology (or remedy) stands.
            String narrative = "Order " + incident.orderId() + "'s " + words(incident.incidentClass()) + " incident changed ("
                    + problem(incident) + "); what was decided for it before stands and nothing further is granted"
                    + dutyText + ".";
            return new GoodwillDecision(grants.isEmpty() ? DecisionOutcome.NO_COMPENSATION : DecisionOutcome.COMPENSATE, grants,
                    List.of(), null, Tier.AUTO, null, null, null, null, List.of(), "NOTHING_FURTHER", narrative, market.costCentre(),
                    market.owner(), segment, clv, risk.assessment(), experimentId(experiment), armName(arm), null,
                    duty != null, previously, facts, List.of(), null);
        }

        Grant main = decider.grant(choice);
        grants.add(main);
        long goodwillTotal = choice.grantMinor();
        // The memory anchor: a small extra for chosen segments, on a first decision that grants a real remedy.
        boolean anchored = false;
        if (segmentRules != null && segmentRules.memoryAnchor() != null && choice.grantMinor() > 0
                && !c.history().incidentDecidedBefore() && (arm == null || !Boolean.FALSE.equals(arm.memoryAnchor()))
                && instrumentOffered(segmentRules.memoryAnchor().instrument(), marketCode, c.at())) {
            RemedyOption anchor = segmentRules.memoryAnchor();
            Optional<AmountRule.Amount> amount = anchor.amountRule().amountFor(orderValue);
            if (amount.isPresent() && decider.fits(goodwillTotal + amount.get().minor(), choice.overrun())) {
                grants.add(new Grant(new Remedy(anchor.instrument(), Money.of(amount.get().minor(), currency),
                        anchor.validForDays(), true), List.of(), template(null, anchor.instrument()), false));
                goodwillTotal += amount.get().minor();
                anchored = true;
            }
        }

        Tier tier = market.tiersFor(currency).tierOf(goodwillTotal);
        if (tier != Tier.AUTO) {
            reviewReasons.add("it exceeds the automatic limit of " + format(Money.of(market.tiersFor(currency).autoUpToMinor(), currency)));
        }
        boolean riskReview = risk.review() && goodwillTotal > 0;
        if (riskReview) {
            tier = tier.atLeast(policy.approvals().riskReviewTier());
            reviewReasons.add(risk.reviewWhy());
        }
        if (choice.overrun()) {
            tier = tier.atLeast(policy.approvals().budgetReviewTier());
            reviewReasons.add("the " + choice.budget().budgetId() + " budget is exhausted");
        }

        List<Remedy> alternatives = c.history().incidentDecidedBefore() || choice.candidate() == null ? List.of()
                : decider.alternatives(choice, goodwillTotal, market.tiersFor(currency));
        Integer choiceHours = alternatives.isEmpty() ? null : choice.candidate().choiceHours();
        // The budget holds what the customer may still choose, so that the dearest choice never overspends it; what
        // is executed is consumed and the rest goes back.
        long exposure = GoodwillDecision.reservedMinor(grants, alternatives);
        BudgetClaim claim = exposure > 0 && decider.budgetRule != null
                ? new BudgetClaim(decider.budgetId, decider.budgetRule.owner(), currency, decider.limit, exposure, choice.overrun())
                : null;

        String reason = choice.reasonCode();
        String who = "this " + segment + " customer";
        String offer = words(main.remedy().instrument(), main.remedy().amount()) + basis(choice)
                + (anchored ? " plus " + words(grants.get(grants.size() - 1).remedy().instrument(),
                grants.get(grants.size() - 1).remedy().amount()) + " as a small extra" : "");
        String topUp = previously != null && previously.amountMinor() > 0
                ? " as a top-up to the " + format(previously) + " granted before" : "";
        String armText = arm == null ? "" : " (experiment " + experiment.id() + ", arm " + arm.name() + ")";

        if (tier == Tier.AUTO) {
            String why = choice.candidate() == null ? ", because " + choice.whyNot()
                    : choice.steppedDown() ? ", stepping down because " + choice.whyNot() : decider.economicsText(choice);
            String narrative = "Because " + problem(incident) + ", we "
                    + (choice.candidate() == null ? "apologise to " + who + " without a monetary remedy"
                    : "grant " + who + " " + offer + topUp) + why + dutyText + armText + ".";
            return new GoodwillDecision(DecisionOutcome.COMPENSATE, grants, alternatives, choiceHours, Tier.AUTO, null, null, null, null,
                    List.of(), reason, narrative, market.costCentre(), market.owner(), segment, clv, risk.assessment(),
                    experimentId(experiment), armName(arm), claim, duty != null, previously, facts, List.of(),
                    choice.candidate() == null ? null : choice.candidate().id());
        }

        Approvals approvals = policy.approvals();
        Approvals.Role role = approvals.roleFor(tier);
        Approvals.FallbackRemedy fallbackRule = riskReview ? approvals.fallback().riskReview() : approvals.fallback().amountReview();
        List<Grant> fallback = new ArrayList<>(grants.stream().filter(Grant::statutory).toList());
        if (fallbackRule == Approvals.FallbackRemedy.AUTO_TIER_CANDIDATE && !c.history().incidentDecidedBefore()) {
            int from = choice.candidate() == null ? steps.size() : steps.indexOf(choice.candidate());
            Choice automatic = decider.walk(steps.subList(Math.min(from, steps.size()), steps.size()),
                    market.tiersFor(currency).autoUpToMinor(), false);
            fallback.add(decider.grant(automatic));
        } else {
            fallback.add(decider.grant(Choice.apology("its review ran out", "APOLOGY_ONLY_REVIEW_TIMEOUT")));
        }
        String narrative = "Because " + problem(incident) + ", we propose " + offer + topUp + " for " + who
                + ", which waits for a " + role.name() + "'s approval because " + String.join(" and ", reviewReasons)
                + dutyText + armText + ".";
        return new GoodwillDecision(DecisionOutcome.PENDING_APPROVAL, grants, alternatives, choiceHours, tier, role.name(),
                Duration.ofMinutes(role.reviewWithinMinutes()), role.onTimeout(), role.escalateTo(), fallback,
                reason, narrative, market.costCentre(), market.owner(), segment, clv, risk.assessment(),
                experimentId(experiment), armName(arm), claim, duty != null, previously, facts, reviewReasons,
                choice.candidate() == null ? null : choice.candidate().id());
    }

    /** The outcome of walking down the candidates. {@code candidate} null: an apology. */
    private record Choice(Candidate candidate, long totalMinor, long grantMinor, boolean capped, boolean orderCapped,
                          boolean overrun, boolean steppedDown, boolean covered, String whyNot, String reasonCode,
                          long keptMinor, long costMinor, BudgetClaim budget) {

        static Choice apology(String whyNot, String reasonCode) {
            return new Choice(null, 0, 0, false, false, false, true, false, whyNot, reasonCode, 0, 0, null);
        }
    }

    /** The walk down the candidates for one case, with the caps and the budget it must fit. */
    private final class Decider {

        private final Case c;
        private final CaseView view;
        private final Economics economics;
        private final long clv;
        private final Money orderValue;
        private final long orderCapLeft;
        private final BudgetRule budgetRule;
        private final String budgetId;
        private final long limit;
        private final long available;

        Decider(Case c, CaseView view, Economics economics, long clv, BudgetBook budgets, String segment) {
            this.c = c;
            this.view = view;
            this.economics = economics;
            this.clv = clv;
            this.orderValue = view.orderValue();
            long cap = policy.orderCap() == null ? Long.MAX_VALUE
                    : policy.orderCap().amountFor(orderValue).map(AmountRule.Amount::minor).orElse(0L);
            this.orderCapLeft = Math.max(0, cap - c.history().grantedForOrderMinor() + c.history().grantedForIncidentMinor());
            this.budgetRule = policy.budgets().stream()
                    .filter(b -> b.matches(view.channel(), segment, view.incidentClass())).findFirst().orElse(null);
            if (budgetRule != null) {
                YearMonth month = YearMonth.from(c.at().atZone(ZoneOffset.UTC));
                this.budgetId = budgetRule.budgetId(month, orderValue.currency());
                boolean scales = budgetRule.revenuePercent() != null && budgetRule.revenuePercent().signum() != 0;
                boolean exhausted = c.exhaustedBudgets().contains(budgetId);
                BudgetFigures figures = budgets.figures(budgetId, !exhausted, scales ? budgetRule.channel() : null,
                        orderValue.currency(), month);
                this.limit = budgetRule.limitMinor(orderValue.currency(), figures.monthRevenueMinor());
                this.available = exhausted ? 0 : Math.max(0, limit - figures.usedMinor());
            } else {
                this.budgetId = null;
                this.limit = 0;
                this.available = Long.MAX_VALUE;
            }
        }

        /** Whether a total of goodwill fits the order's cap (the part of this incident included) and the budget. */
        boolean fits(long totalGrantMinor, boolean overrunApproved) {
            return totalGrantMinor + c.history().grantedForIncidentMinor() <= orderCapLeft
                    && (overrunApproved || totalGrantMinor <= available);
        }

        /**
         * @param maxGrant        the most one grant may be (the AUTO limit for a review's fallback)
         * @param overrunAllowed  whether the budget's APPROVAL rule may keep a remedy beyond the budget
         */
        Choice walk(List<Candidate> steps, long maxGrant, boolean overrunAllowed) {
            long before = c.history().grantedForIncidentMinor();
            String whyNot = steps.isEmpty() ? "no remedy of the playbook fits the case" : null;
            String reasonCode = "APOLOGY_ONLY_NO_CANDIDATE";
            boolean stepped = false;
            for (Candidate step : steps) {
                Optional<AmountRule.Amount> amount = step.amountRule().amountFor(orderValue);
                if (amount.isEmpty()) {
                    whyNot = words(step.instrument()) + " would be worth too little to grant";
                    reasonCode = "APOLOGY_ONLY_NO_VALUE";
                    stepped = true;
                    continue;
                }
                long total = amount.get().minor();
                if (c.history().incidentDecidedBefore() && total <= before && before > 0) {
                    return new Choice(step, total, 0, false, false, false, stepped, true, null, "ALREADY_COVERED", 0, 0, null);
                }
                long grant = before > 0 && DIVISIBLE.contains(step.instrument()) ? total - before : total;
                long kept = 0;
                long cost = 0;
                if (grant > 0 && economics != null && step.instrument() != Instrument.APOLOGY) {
                    kept = economics.keptMinor(clv, view.severity(), step.instrument());
                    cost = economics.costMinor(step.instrument(), grant);
                    if (kept - cost <= 0) {
                        whyNot = words(step.instrument()) + " of " + format(Money.of(grant, orderValue.currency()))
                                + " would cost " + format(Money.of(cost, orderValue.currency())) + " but keep only "
                                + format(Money.of(kept, orderValue.currency())) + " of the customer's value";
                        reasonCode = "APOLOGY_ONLY_NOT_ECONOMIC";
                        stepped = true;
                        continue;
                    }
                }
                boolean orderCapped = false;
                long capLeft = orderCapLeft - before;
                if (grant > capLeft) {
                    long min = PerCurrency.of(step.amountRule().minMinor(), orderValue.currency(), 1);
                    if (DIVISIBLE.contains(step.instrument()) && capLeft >= Math.max(1, min)) {
                        grant = capLeft;
                        orderCapped = true;
                    } else {
                        whyNot = "the order's goodwill cap is reached";
                        reasonCode = "APOLOGY_ONLY_ORDER_CAP";
                        stepped = true;
                        continue;
                    }
                }
                if (grant > maxGrant) {
                    whyNot = words(step.instrument()) + " needs an approval";
                    stepped = true;
                    continue;
                }
                boolean overrun = false;
                if (grant > available) {
                    BudgetRule.Exhaustion rule = budgetRule.whenExhausted();
                    if (rule == BudgetRule.Exhaustion.APPROVAL && overrunAllowed) {
                        overrun = true;
                    } else if (rule == BudgetRule.Exhaustion.APOLOGY_ONLY) {
                        return Choice.apology("the " + budgetId + " budget is exhausted", "APOLOGY_ONLY_BUDGET_EXHAUSTED");
                    } else {
                        whyNot = "the " + budgetId + " budget is exhausted";
                        reasonCode = "APOLOGY_ONLY_BUDGET_EXHAUSTED";
                        stepped = true;
                        continue;
                    }
                }
                String code = step.reasonCode() == null ? step.instrument().name() : step.reasonCode();
                if (stepped && step.instrument() == Instrument.APOLOGY) {
                    // An apology reached by stepping down is there for the reason the dearer remedies were not.
                    code = reasonCode;
                }
                if (amount.get().capped() && step.cappedReasonCode() != null) {
                    code = step.cappedReasonCode();
                }
                if (orderCapped) {
                    code = "ORDER_CAP_REACHED";
                } else if (before > 0) {
                    code = "TOP_UP";
                } else if (overrun) {
                    code = "BUDGET_EXHAUSTED_APPROVAL";
                }
                BudgetClaim claim = budgetRule == null ? null
                        : new BudgetClaim(budgetId, budgetRule.owner(), orderValue.currency(), limit, grant, overrun);
                return new Choice(step, total, grant, amount.get().capped(), orderCapped, overrun, stepped, false, whyNot,
                        code, kept, cost, claim);
            }
            return Choice.apology(whyNot, reasonCode);
        }

        /**
         * The chosen candidate's alternatives, each priced by its own rule (a divisible one no more than the order's
         * cap leaves), that the customer may take instead of the remedy without the decision needing more than it
         * needs now: within the order's cap, within the budget (unless an overrun is approved), and in the same
         * approval tier. An alternative beyond those is not offered: the approval, the cap and the budget were for
         * the offer as a whole.
         */
        List<Remedy> alternatives(Choice choice, long goodwillTotal, MarketRules.TierThresholds tiers) {
            long others = goodwillTotal - choice.grantMinor();
            Tier tier = tiers.tierOf(goodwillTotal);
            long capRoom = Math.max(0, orderCapLeft - c.history().grantedForIncidentMinor() - others);
            return priced(choice.candidate().alternatives(), orderValue, capRoom).stream()
                    .filter(a -> fits(others + a.amount().amountMinor(), choice.overrun())
                            && tiers.tierOf(others + a.amount().amountMinor()).compareTo(tier) <= 0)
                    .toList();
        }

        Grant grant(Choice choice) {
            String currency = orderValue.currency();
            if (choice.candidate() == null) {
                return new Grant(new Remedy(Instrument.APOLOGY, Money.of(0, currency)), List.of(),
                        template(null, Instrument.APOLOGY), false);
            }
            Candidate step = choice.candidate();
            return new Grant(new Remedy(step.instrument(), Money.of(choice.grantMinor(), currency), step.validForDays(), false),
                    priced(step.fallbacks(), orderValue, choice.grantMinor()), template(step.messageTemplate(), step.instrument()),
                    false);
        }

        String economicsText(Choice choice) {
            if (choice.costMinor() == 0 && choice.keptMinor() == 0) {
                return "";
            }
            String currency = orderValue.currency();
            return ", since it keeps an expected " + format(Money.of(choice.keptMinor(), currency))
                    + " of the customer's value for a cost of " + format(Money.of(choice.costMinor(), currency));
        }
    }

    private boolean instrumentOffered(Instrument instrument, String market, Instant at) {
        String flag = policy.instrumentFlags().get(instrument);
        return flag == null || flags.isOn(flag, market, at);
    }

    private String template(String own, Instrument instrument) {
        return own != null ? own : policy.messageTemplates().get(instrument);
    }

    /**
     * Prices options by their own rules; a divisible option is never worth more than {@code atMostMinor}. Options whose
     * instrument is switched off by its flag are left out.
     */
    private List<Remedy> priced(List<RemedyOption> options, Money orderValue, long atMostMinor) {
        List<Remedy> remedies = new ArrayList<>();
        for (RemedyOption option : options) {
            if (!instrumentOffered(option.instrument(), pricingMarket, pricingAt)) {
                continue;
            }
            option.amountRule().amountFor(orderValue).ifPresent(amount -> {
                long minor = DIVISIBLE.contains(option.instrument()) ? Math.min(amount.minor(), atMostMinor) : amount.minor();
                remedies.add(new Remedy(option.instrument(), Money.of(minor, orderValue.currency()), option.validForDays(), false));
            });
        }
        return remedies;
    }

    private static String basis(Choice choice) {
        Candidate step = choice.candidate();
        if (step == null || step.amount() == null) {
            return "";
        }
        BigDecimal percent = step.amount().percentOfOrder();
        String base = percent == null ? "" : percent.stripTrailingZeros().toPlainString() + " % of the order value";
        List<String> parts = new ArrayList<>();
        if (!base.isEmpty()) {
            parts.add(base);
        }
        if (choice.capped()) {
            parts.add("capped");
        }
        if (choice.orderCapped()) {
            parts.add("limited by the order's goodwill cap");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static CaseFacts facts(Incident incident) {
        boolean proactive = incident.source() != IncidentSource.CUSTOMER;
        return new CaseFacts(incident.incidentClass(), incident.severity(), incident.source(), incident.lifecycle(),
                incident.delayHours(), incident.delayProbability(), incident.expectedDeliveryAt(),
                incident.order().promisedDeliveryBy(), incident.order().market(), incident.order().channel(),
                incident.carrier(), incident.trackingNumber(), proactive);
    }

    static String problem(Incident incident) {
        String order = "order " + incident.orderId();
        return switch (incident.incidentClass()) {
            case DELAY -> order + " arrives " + (incident.delayHours() == null ? "" : "about " + incident.delayHours() + " h ")
                    + "later than promised";
            case PREDICTED_DELAY -> order + " will probably arrive "
                    + (incident.delayHours() == null ? "" : "about " + incident.delayHours() + " h ") + "later than promised";
            case DELAYED_DISPATCH -> order + " left the warehouse late";
            case STALLED -> order + " has not moved for too long";
            case LOST -> order + " is lost";
            case DAMAGED -> order + " arrived damaged";
            case WRONG_ITEM -> order + " contained the wrong item";
            case MISSING_ITEM -> order + " is missing an item";
            case NOT_RECEIVED -> order + " is marked delivered but did not reach the customer";
            case RETURNED_TO_SENDER -> order + " went back to the sender";
            default -> order + " ran into a problem (" + words(incident.incidentClass()) + ")";
        };
    }

    static String words(IncidentClass incidentClass) {
        return incidentClass.name().toLowerCase().replace('_', ' ');
    }

    static String words(Instrument instrument) {
        return switch (instrument) {
            case PARTIAL_REFUND -> "a partial refund";
            case FULL_REFUND -> "a full refund";
            case REPLACEMENT -> "a replacement shipment";
            case EXPRESS_REPLACEMENT -> "an express replacement shipment";
            case STORE_CREDIT -> "store credit";
            case VOUCHER -> "a voucher";
            case EXPRESS_UPGRADE -> "an express upgrade on the next order";
            case SUBSCRIPTION_EXTENSION -> "a subscription extension";
            case APOLOGY -> "an apology";
            case APOLOGY_WITH_MICRO_COMPENSATION -> "an apology with a small credit";
        };
    }

    static String words(Instrument instrument, Money amount) {
        return switch (instrument) {
            case STORE_CREDIT -> format(amount) + " store credit";
            case VOUCHER -> "a voucher of " + format(amount);
            case PARTIAL_REFUND -> "a partial refund of " + format(amount);
            case FULL_REFUND -> "a full refund of " + format(amount);
            case APOLOGY_WITH_MICRO_COMPENSATION -> "an apology with " + format(amount) + " credit";
            default -> words(instrument) + (amount.amountMinor() > 0 ? " (worth " + format(amount) + ")" : "");
        };
    }

    static String format(Money money) {
        int digits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
        return BigDecimal.valueOf(money.amountMinor(), Math.max(digits, 0)).toPlainString() + " " + money.currency();
    }

    private static String experimentId(Experiment experiment) {
        return experiment == null ? null : experiment.id();
    }

    private static String armName(Experiment.Arm arm) {
        return arm == null ? null : arm.name();
    }
}
