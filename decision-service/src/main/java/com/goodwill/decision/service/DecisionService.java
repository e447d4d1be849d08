package com.goodwill.decision.service;

import com.goodwill.kit.tracing.TraceContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;
import com.goodwill.decision.persistence.CustomerProfiles;
import com.goodwill.decision.persistence.DecisionInputs;
import com.goodwill.decision.persistence.DecisionRows;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionEntity.ReviewState;
import com.goodwill.decision.policy.GoodwillDecision;
import com.goodwill.decision.policy.GoodwillDecision.Grant;
import com.goodwill.decision.policy.GoodwillEngine;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.jdbc.OneRoundTrip;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Decides every incident event through {@link GoodwillEngine} with the policy version in force for the incident's
 * market, in the consumer's transaction: reads the customer's figures and risk signals, reserves the amount on its
 * budget (re-deciding with the budget treated as exhausted when the reservation loses a race), stores the decision
 * with every field, and announces it with one command per instrument to execute.
 *
 * <p>Which incident events get a decision: an opened incident, and each escalation (a top-up of the difference, or
 * "no compensation, already covered"). A resolution gets none when the incident was decided before (what was
 * decided stands); a resolution of an incident never decided (its opening was lost) is decided like an opening.
 * The same incident revision again, or an older one, decides nothing new.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = DecisionRecords.SOURCE;
    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final Clock clock;
    private final PolicyService policies;
    private final BudgetLedger budgets;
    private final DecisionRecords records;
    private final CustomerProfiles claims;
    private final DecisionInputs inputs;
    private final DecisionRows rows;
    private final Outbox outbox;

    public DecisionService(Clock clock, PolicyService policies, BudgetLedger budgets, DecisionRecords records,
                           CustomerProfiles claims, DecisionInputs inputs, DecisionRows rows, Outbox outbox) {
        this.outbox = outbox;
        this.rows = rows;
        this.clock = clock;
        this.policies = policies;
        this.budgets = budgets;
        this.records = records;
        this.claims = claims;
        this.inputs = inputs;
    }

    /** Reads the ledger for the engine: the month's revenue, and what a budget already holds, in one statement. */
    private GoodwillEngine.BudgetBook budgetBook() {
        // The one statement reads the standing whether or not the engine needs it: a point read of the budget's row.
        return (budgetId, usedNeeded, revenueChannel, currency, month) ->
                budgets.figures(budgetId, revenueChannel, currency, month);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(EventEnvelope cause, Incident incident) {
        List<DecisionEntity> earlier = DecisionEntity.ofIncidentLocked(incident.incidentId());
        if (earlier.stream().anyMatch(d -> d.incidentRevision >= incident.revision())) {
            LOG.infof("Incident %s revision %d is decided already; nothing more is granted", incident.incidentId(),
                    incident.revision());
            return;
        }
        if (incident.lifecycle() == IncidentLifecycle.RESOLVED && !earlier.isEmpty()) {
            LOG.infof("Incident %s is resolved; its decision stands and nothing further is decided", incident.incidentId());
            return;
        }
        // Read in this transaction: a decision made after an activation committed uses the activated version.
        // No active policy is a fault of the deployment, not of the record: the consumer retries, then dead-letters.
        ActivePolicy active = activePolicy(policies.inForce(), incident);
        Instant now = clock.instant();
        for (DecisionEntity pending : earlier) {
            if (pending.reviewState == ReviewState.PENDING) {
                supersede(pending, now);
            }
        }
        long grantedForIncident = earlier.stream().mapToLong(d -> d.goodwillMinor).sum();
        DecisionEntity.getEntityManager().flush();
        DecisionInputs.Input input = inputs.read(List.of(ask(incident)), now).get(0);
        GoodwillEngine.History history = new GoodwillEngine.History(!earlier.isEmpty(), grantedForIncident,
                input.orderGoodwillMinor(), earlier.stream().anyMatch(d -> d.statutory));
        CustomerFigures figures = input.figures();
        RiskSignals signals = input.signals();
        String decisionId = earlier.isEmpty() ? DerivedId.of("decision", incident.incidentId())
                : DerivedId.of("decision", incident.incidentId(), "revision", Integer.toString(incident.revision()));

        GoodwillEngine engine = new GoodwillEngine(active.document(), active.rules());
        GoodwillEngine.BudgetBook book = budgetBook();
        Set<String> exhausted = new HashSet<>();
        GoodwillDecision decided;
        while (true) {
            decided = engine.decide(new GoodwillEngine.Case(incident, figures, signals, history, now, exhausted), book);
            GoodwillDecision.BudgetClaim claim = decided.budget();
            if (claim == null) {
                break;
            }
            // Reserved last in the transaction: the budget's row stays locked until commit.
            boolean reserved = budgets.reserve(claim.budgetId(), claim.owner(), claim.currency(), claim.limitMinor(),
                    decisionId, claim.amountMinor());
            if (reserved || claim.overrun()) {
                break;
            }
            // Another decision took the rest of the budget meanwhile: the policy's exhaustion rule decides instead.
            LOG.infof("Budget %s could not hold %d for decision %s; deciding again with it exhausted", claim.budgetId(),
                    claim.amountMinor(), decisionId);
            if (!exhausted.add(claim.budgetId())) {
                throw new IllegalStateException("budget " + claim.budgetId() + " refused a decision made with it exhausted");
            }
        }

        DecisionEntity decision = store(decisionId, incident, active, decided, now);
        recordClaim(decision, now);
        EventEnvelope made = records.announce(decision, cause.id());
        records.command(decision, toExecute(decided), made, now);
        LOG.infof("Decision %s for incident %s rev %d: %s %s %d %s tier %s (%s, policy %s, segment %s, risk %d)",
                decisionId, incident.incidentId(), incident.revision(), decided.outcome(), decision.instrument,
                decision.amountMinor, decision.currency, decided.tier(), decided.reasonCode(), active.version(),
                decided.segment(), decided.risk().score());
    }

    /**
     * One record of a batch: its event, the incident to decide (empty when the event asks for no decision), and the
     * trace its record carried (the events the decision publishes continue it).
     */
    public record Pending(EventEnvelope cause, Optional<Incident> incident, TraceContext trace) {
        public Pending(EventEnvelope cause, Optional<Incident> incident) {
            this(cause, incident, TraceContext.current());
        }
    }

    /**
     * A budget held less than the batch's decisions were made with: another transaction (this instance's or another
     * one's) reserved on it meanwhile. The batch's transaction must roll back; its incidents are then decided one at a
     * time, each seeing what the budget really has left.
     */
    public static final class BudgetRaceLost extends RuntimeException {
        BudgetRaceLost(String budgetId, int decisions) {
            super("budget " + budgetId + " can no longer hold the " + decisions + " reservations of the batch");
        }
    }

    /**
     * Decides a run of incidents in the caller's transaction, with what a decision reads fetched for all of them at once
     * and the budget reservations made per budget for all of them at once, so a batch costs a handful of round trips
     * instead of about a dozen per decision. Each incident is decided exactly as {@link #decide} would in this order:
     * the engine sees each budget as read, minus what the earlier decisions of the run hold on it.
     *
     * <p>Only independent incidents are decided together: the run stops before an incident that shares its incident,
     * order, customer or shipping address with an earlier one of the run (it would have to read their writes), and
     * before an incident decided before (an escalation, decided on its own with its earlier decisions locked).
     *
     * @param beforeReserving told how many records are done, just before the budgets are reserved: what the caller
     *                        writes there is written before any budget row is locked (which stays locked until commit)
     * @return how many of the run's records, from the first, are done (decided, or asking for no decision); the caller
     *         hands the next one to {@link #decide}
     * @throws BudgetRaceLost when a budget cannot hold the run's reservations any more; nothing of the run may commit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int decideAll(List<Pending> run, IntConsumer beforeReserving) {
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        int n = independentPrefix(run);
        List<Integer> toDecide = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (run.get(i).incident().isPresent()) {
                toDecide.add(i);
            }
        }
        if (toDecide.isEmpty()) {
            beforeReserving.accept(n);
            return n;
        }
        List<DecisionInputs.Input> read = inputs.read(toDecide.stream()
                .map(i -> ask(run.get(i).incident().orElseThrow())).toList(), now);
        PolicyService.InForce inForce = policies.inForce();
        BatchBook book = new BatchBook();
        Set<String> addresses = new HashSet<>();
        List<Made> made = new ArrayList<>();
        for (int k = 0; k < toDecide.size(); k++) {
            DecisionInputs.Input input = read.get(k);
            boolean sharesAddress = input.shippingAddressId() != null && !addresses.add(input.shippingAddressId());
            if (input.decidedBefore() || sharesAddress) {
                n = toDecide.get(k);
                break;
            }
            Pending pending = run.get(toDecide.get(k));
            Incident incident = pending.incident().orElseThrow();
            ActivePolicy active = activePolicy(inForce, incident);
            GoodwillEngine.History history = new GoodwillEngine.History(false, 0, input.orderGoodwillMinor(), false);
            GoodwillDecision decided = new GoodwillEngine(active.document(), active.rules()).decide(
                    new GoodwillEngine.Case(incident, input.figures(), input.signals(), history, now, Set.of()), book);
            GoodwillDecision.BudgetClaim claim = decided.budget();
            if (claim != null && !claim.overrun()) {
                book.hold(claim.budgetId(), claim.amountMinor());
            }
            made.add(new Made(pending, incident, active, DerivedId.of("decision", incident.incidentId()), decided));
        }
        if (made.isEmpty()) {
            beforeReserving.accept(n);
            return n;
        }
        long t1 = System.nanoTime();

        // Writes first, reservations last: a budget's row stays locked from its reservation until the commit.
        List<DecisionEntity> stored = new ArrayList<>(made.size());
        List<CustomerProfiles.NewClaim> newClaims = new ArrayList<>();
        for (Made m : made) {
            DecisionEntity d = decision(m.decisionId(), m.incident(), m.active(), m.decided(), now);
            stored.add(d);
            claimOf(d).ifPresent(newClaims::add);
        }
        List<Map<String, Long>> shares = new ArrayList<>(made.size());
        List<Outbox.Pending> toPublish = new ArrayList<>(made.size() * 2);
        for (int k = 0; k < made.size(); k++) {
            DecisionEntity d = stored.get(k);
            GoodwillDecision decided = made.get(k).decided();
            // The decision's events continue the trace of the incident's own record, not the batch's.
            try (Scope ignored = made.get(k).pending().trace().asParentIn(Context.root()).makeCurrent()) {
                EventEnvelope announced = records.announce(d, made.get(k).pending().cause().id(), DecisionRecords.made(d,
                        decided.remedies(), decided.alternatives(), decided.facts(), decided.risk()), toPublish);
                shares.add(records.commands(d, toExecute(decided), announced, now, decided.alternatives(), decided.facts(),
                        toPublish));
            }
        }
        // The batch's rows (one statement, without the ORM's per-entity work), its claims and its outbox rows: three
        // writes in one round trip.
        List<OneRoundTrip.Write> alongside = new ArrayList<>(2);
        claims.claimsWrite(newClaims, now).ifPresent(alongside::add);
        outbox.writeAll(toPublish).ifPresent(alongside::add);
        rows.insertAll(stored, alongside);
        beforeReserving.accept(n);
        long t2 = System.nanoTime();
        reserve(made);
        long t3 = System.nanoTime();
        for (int k = 0; k < made.size(); k++) {
            DecisionEntity d = stored.get(k);
            if (d.budgetId != null && shares.get(k).size() > 1) {
                budgets.registerCommands(d.decisionId, shares.get(k));
            }
            LOG.debugf("Decision %s for incident %s: %s %s %d %s tier %s (%s, policy %s)", d.decisionId, d.incidentId,
                    d.outcome, d.instrument, d.amountMinor, d.currency, d.tier, d.reasonCode, d.policyVersion);
        }
        // Per batch: at thousands of decisions a second an INFO line each would flood the log; the timers say it.
        LOG.debugf("Decided %d incidents together (%d of the run's %d records done): read and decided in %d ms, written in"
                        + " %d ms, budgets reserved in %d ms", made.size(), n, run.size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        return n;
    }

    private record Made(Pending pending, Incident incident, ActivePolicy active, String decisionId,
                        GoodwillDecision decided) {
    }

    /** The run up to the first record that shares its incident, order or customer with an earlier one. */
    private static int independentPrefix(List<Pending> run) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < run.size(); i++) {
            Optional<Incident> incident = run.get(i).incident();
            if (incident.isPresent() && (!seen.add("incident:" + incident.get().incidentId())
                    | !seen.add("order:" + incident.get().orderId())
                    | !seen.add("customer:" + incident.get().order().customerId()))) {
                return i;
            }
        }
        return run.size();
    }

    /**
     * One conditional update per budget for all the run's reservations on it, budgets in the order of their ids (so two
     * transactions never wait for each other's budgets in opposite orders); an overrun a reviewer must approve is
     * reserved on its own, as {@link #decide} does, and may be refused.
     */
    private void reserve(List<Made> made) {
        Map<String, List<Made>> byBudget = new TreeMap<>();
        for (Made m : made) {
            if (m.decided().budget() != null) {
                byBudget.computeIfAbsent(m.decided().budget().budgetId(), b -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<String, List<Made>> budget : byBudget.entrySet()) {
            Map<String, Long> amounts = new LinkedHashMap<>();
            GoodwillDecision.BudgetClaim first = null;
            for (Made m : budget.getValue()) {
                GoodwillDecision.BudgetClaim claim = m.decided().budget();
                if (claim.overrun()) {
                    continue;
                }
                if (first == null) {
                    first = claim;
                } else if (first.limitMinor() != claim.limitMinor() || !first.currency().equals(claim.currency())
                        || !first.owner().equals(claim.owner())) {
                    // Not one reservation's terms (the month's revenue moved under the run): one at a time instead.
                    throw new BudgetRaceLost(budget.getKey(), budget.getValue().size());
                }
                amounts.put(m.decisionId(), claim.amountMinor());
            }
            if (first != null && !budgets.reserveAll(first.budgetId(), first.owner(), first.currency(), first.limitMinor(),
                    amounts)) {
                throw new BudgetRaceLost(budget.getKey(), amounts.size());
            }
            for (Made m : budget.getValue()) {
                GoodwillDecision.BudgetClaim claim = m.decided().budget();
                if (claim.overrun()) {
                    budgets.reserve(claim.budgetId(), claim.owner(), claim.currency(), claim.limitMinor(), m.decisionId(),
                            claim.amountMinor());
                }
            }
        }
    }

    /** A run's view of the budgets: each read once, less what the run's earlier decisions hold on it. */
    private final class BatchBook implements GoodwillEngine.BudgetBook {

        private final Map<String, Long> used = new HashMap<>();
        private final Map<String, Long> revenue = new HashMap<>();

        /** Reads what the run has not read yet of the budget and the revenue in one statement. */
        @Override
        public GoodwillEngine.BudgetFigures figures(String budgetId, boolean usedNeeded, String revenueChannel,
                                                   String currency, YearMonth month) {
            String revenueKey = revenueChannel == null ? null : revenueKey(revenueChannel, currency, month);
            boolean readUsed = usedNeeded && !used.containsKey(budgetId);
            boolean readRevenue = revenueKey != null && !revenue.containsKey(revenueKey);
            if (readUsed || readRevenue) {
                GoodwillEngine.BudgetFigures read = budgets.figures(budgetId, readRevenue ? revenueChannel : null,
                        currency, month);
                if (readUsed) {
                    used.put(budgetId, read.usedMinor());
                }
                if (readRevenue) {
                    revenue.put(revenueKey, read.monthRevenueMinor());
                }
            }
            return new GoodwillEngine.BudgetFigures(revenueKey == null ? 0 : revenue.get(revenueKey),
                    usedNeeded ? used.get(budgetId) : 0);
        }

        private static String revenueKey(String channel, String currency, YearMonth month) {
            return channel + "/" + currency + "/" + month;
        }

        void hold(String budgetId, long amountMinor) {
            used.merge(budgetId, amountMinor, Long::sum);
        }
    }

    private static DecisionInputs.Ask ask(Incident incident) {
        return new DecisionInputs.Ask(incident.incidentId(), incident.orderId(), incident.order().customerId(),
                incident.order().orderValue().currency());
    }

    /** No active policy is a fault of the deployment, not of the record: the consumer retries, then dead-letters. */
    private static ActivePolicy activePolicy(PolicyService.InForce inForce, Incident incident) {
        return inForce.activeFor(incident.order().market())
                .orElseThrow(() -> new IllegalStateException("No policy is active for market " + incident.order().market()));
    }

    private static List<Grant> toExecute(GoodwillDecision decided) {
        return decided.outcome() == DecisionOutcome.PENDING_APPROVAL
                ? decided.grants().stream().filter(Grant::statutory).toList() // a duty never waits for a reviewer
                : decided.grants();
    }

    private DecisionEntity store(String decisionId, Incident incident, ActivePolicy active, GoodwillDecision decided,
                                 Instant now) {
        DecisionEntity d = decision(decisionId, incident, active, decided, now);
        d.persist();
        return d;
    }

    /** The decision's row, not yet stored. */
    private static DecisionEntity decision(String decisionId, Incident incident, ActivePolicy active,
                                           GoodwillDecision decided, Instant now) {
        DecisionEntity d = new DecisionEntity();
        d.decisionId = decisionId;
        d.incidentId = incident.incidentId();
        d.incidentRevision = incident.revision();
        d.orderId = incident.orderId();
        d.customerId = incident.order().customerId();
        d.market = incident.order().market();
        d.channel = incident.order().channel();
        d.outcome = decided.outcome();
        Grant main = decided.grants().stream().filter(g -> !g.statutory()).findFirst()
                .orElse(decided.grants().isEmpty() ? null : decided.grants().get(0));
        d.instrument = main == null ? null : main.remedy().instrument();
        d.amountMinor = decided.grants().stream().mapToLong(g -> g.remedy().amount().amountMinor()).sum();
        d.currency = incident.order().orderValue().currency();
        d.goodwillMinor = decided.goodwillMinor();
        d.tier = decided.tier().name();
        d.policyVersion = active.version();
        d.reasonCode = decided.reasonCode();
        d.narrative = decided.narrative();
        d.costCentre = decided.costCentre();
        d.owner = decided.owner();
        d.decidedAt = now;
        d.grantsJson = DecisionRecords.json(decided.grants());
        d.alternativesJson = DecisionRecords.json(decided.alternatives());
        d.choiceHours = decided.choiceHours();
        d.timeoutFallbackJson = DecisionRecords.json(decided.timeoutFallback());
        d.factsJson = DecisionRecords.json(decided.facts());
        d.riskJson = DecisionRecords.json(decided.risk());
        d.reviewReasonsJson = DecisionRecords.json(decided.reviewReasons());
        d.candidateId = decided.candidateId();
        d.segment = decided.segment();
        d.clvMinor = decided.clvMinor();
        d.riskScore = decided.risk().score();
        d.experiment = decided.experiment();
        d.arm = decided.arm();
        if (decided.budget() != null) {
            d.budgetId = decided.budget().budgetId();
            d.budgetOwner = decided.budget().owner();
            d.budgetLimitMinor = decided.budget().limitMinor();
            d.budgetOverrun = decided.budget().overrun();
        }
        d.statutory = decided.statutory();
        d.previouslyGrantedMinor = decided.previouslyGranted() == null ? null : decided.previouslyGranted().amountMinor();
        if (decided.outcome() == DecisionOutcome.PENDING_APPROVAL) {
            d.reviewState = ReviewState.PENDING;
            d.requiredRole = decided.requiredRole();
            d.reviewDueAt = now.plus(decided.reviewWithin());
            d.onTimeout = decided.onTimeout().name();
            d.escalateTo = decided.escalateTo();
            d.pendingSince = now;
        } else {
            d.reviewState = ReviewState.NONE;
        }
        return d;
    }

    /**
     * The customer's claim, for their figures and the guardrails: the goodwill granted or proposed; a duty alone is
     * recorded as statutory, which never counts against the customer.
     */
    static void recordClaim(CustomerProfiles claims, DecisionEntity d, Instant now) {
        claimOf(d).ifPresentOrElse(c -> claims.recordClaim(c.decisionId(), c.customerId(), c.orderId(), c.amount(),
                c.statutory(), now), () -> claims.withdrawClaim(d.decisionId));
    }

    private static Optional<CustomerProfiles.NewClaim> claimOf(DecisionEntity d) {
        if (d.goodwillMinor > 0) {
            return Optional.of(new CustomerProfiles.NewClaim(d.decisionId, d.customerId, d.orderId,
                    Money.of(d.goodwillMinor, d.currency), false));
        } else if (d.statutory && d.amountMinor != null && d.amountMinor > 0) {
            return Optional.of(new CustomerProfiles.NewClaim(d.decisionId, d.customerId, d.orderId,
                    Money.of(d.amountMinor, d.currency), true));
        }
        return Optional.empty();
    }

    private void recordClaim(DecisionEntity d, Instant now) {
        recordClaim(claims, d, now);
    }

    /** The incident escalated while its decision waited: the new decision replaces the proposal. */
    private void supersede(DecisionEntity pending, Instant now) {
        pending.reviewState = ReviewState.SUPERSEDED;
        pending.goodwillMinor = 0;
        claims.withdrawClaim(pending.decisionId);
        if (pending.budgetId != null) {
            budgets.release(pending.decisionId);
        }
        records.reviewed(pending, ReviewAction.SUPERSEDED, ReviewService.TIMER_ACTOR, null,
                "the incident escalated before review; a new decision replaces this proposal", List.of(), null, now);
        LOG.infof("Pending decision %s superseded: incident %s escalated", pending.decisionId, pending.incidentId);
    }
}
