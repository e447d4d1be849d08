package com.goodwill.decision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.POJONode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionReviewEntity;
import com.goodwill.decision.policy.GoodwillDecision;
import com.goodwill.decision.policy.GoodwillDecision.Grant;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place decisions turn into events: the decision itself, what a reviewer (or the timer) did with it, and one
 * compensation command per instrument to execute, each with an idempotency key derived from the decision. Everything
 * goes through the outbox, in the caller's transaction.
 */
@ApplicationScoped
public class DecisionRecords {

    public static final String SOURCE = "/goodwill/decision-service";
    private static final TypeReference<List<Grant>> GRANTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Remedy>> REMEDIES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final BudgetLedger budgets;

    public DecisionRecords(Outbox outbox, BudgetLedger budgets) {
        this.outbox = outbox;
        this.budgets = budgets;
    }

    /** Announces the decision; returns the envelope, the cause of its commands. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope announce(DecisionEntity d, String causeId) {
        List<Outbox.Pending> toPublish = new ArrayList<>(1);
        EventEnvelope event = announce(d, causeId, made(d), toPublish);
        outbox.publish(Topics.DECISIONS, event);
        return event;
    }

    /**
     * The decision's announcement as given (built from the decision's parts in hand rather than read back from JSON),
     * added to {@code toPublish} for the caller to put into the outbox with the rest of its batch.
     */
    public EventEnvelope announce(DecisionEntity d, String causeId, DecisionMade made, List<Outbox.Pending> toPublish) {
        EventEnvelope event = toSend(DerivedId.of("decision-made", d.decisionId), EventTypes.DECISION_MADE, d.orderId,
                d.decidedAt, d.incidentId, causeId, made);
        toPublish.add(new Outbox.Pending(Topics.DECISIONS, event));
        return event;
    }

    public static DecisionMade made(DecisionEntity d) {
        return made(d, grants(d.grantsJson).stream().map(Grant::remedy).toList(), remedies(d.alternativesJson), facts(d),
                risk(d));
    }

    /** The decision event of a stored decision whose lists are at hand: the same as {@link #made(DecisionEntity)}. */
    public static DecisionMade made(DecisionEntity d, List<Remedy> remedies, List<Remedy> alternatives, CaseFacts facts,
                                    RiskAssessment risk) {
        return new DecisionMade(d.decisionId, d.incidentId, d.orderId, d.customerId, d.outcome, remedies, d.tier,
                d.policyVersion, d.reasonCode, d.costCentre, d.owner, d.narrative, d.decidedAt, alternatives, d.requiredRole,
                d.reviewDueAt, facts, d.segment, risk, d.experiment, d.arm, d.budgetId, d.statutory,
                d.previouslyGrantedMinor == null ? null : Money.of(d.previouslyGrantedMinor, d.currency));
    }

    /** Records and announces a review action; returns its envelope, the cause of any commands it releases. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope reviewed(DecisionEntity d, ReviewAction action, String actor, String role, String note,
                                  List<Remedy> remedies, String escalatedTo, Instant at) {
        DecisionReviewEntity review = new DecisionReviewEntity();
        review.decisionId = d.decisionId;
        review.action = action;
        review.actor = actor;
        review.role = role;
        review.note = note;
        review.remediesJson = json(remedies);
        review.escalatedTo = escalatedTo;
        review.reviewedAt = at;
        review.persist();
        review.flush();
        DecisionReviewed event = new DecisionReviewed(d.decisionId, d.incidentId, d.orderId, d.customerId, action, actor,
                role, note, remedies, escalatedTo, at);
        EventEnvelope envelope = EventCodec.wrap(DerivedId.of("decision-reviewed", d.decisionId, review.reviewId.toString()),
                EventTypes.DECISION_REVIEWED, SOURCE, d.orderId, at, d.incidentId, DerivedId.of("decision-made", d.decisionId),
                event);
        outbox.publish(Topics.DECISIONS, envelope);
        return envelope;
    }

    /**
     * One command per grant, and the goodwill commands' shares registered with the budget ledger so each result
     * settles its own part of the reservation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void command(DecisionEntity d, List<Grant> grants, EventEnvelope cause, Instant at) {
        List<Outbox.Pending> toPublish = new ArrayList<>(grants.size());
        Map<String, Long> shares = commands(d, grants, cause, at, remedies(d.alternativesJson), facts(d), toPublish);
        toPublish.forEach(p -> outbox.publish(p.topic(), p.event()));
        if (d.budgetId != null && shares.size() > 1) {
            budgets.registerCommands(d.decisionId, shares);
        }
    }

    /**
     * The commands of {@link #command}, with the decision's alternatives and facts at hand, added to {@code toPublish};
     * their shares are not registered: returns each goodwill command's share, for the caller to register once the
     * decision's reservation is made (a batch reserves after writing).
     */
    public Map<String, Long> commands(DecisionEntity d, List<Grant> grants, EventEnvelope cause, Instant at,
                                      List<Remedy> alternatives, CaseFacts facts, List<Outbox.Pending> toPublish) {
        Map<String, Long> shares = new LinkedHashMap<>();
        boolean first = true;
        for (Grant grant : grants) {
            Remedy remedy = grant.remedy();
            String commandId = commandId(d.decisionId, grant);
            // The customer's choice belongs to the remedy itself, not to a duty or the small extra.
            boolean offersChoice = first && !grant.statutory() && !remedy.memoryAnchor();
            first &= !offersChoice;
            boolean choice = offersChoice && !alternatives.isEmpty() && d.choiceHours != null;
            CompensationRequested command = new CompensationRequested(commandId, d.decisionId, d.incidentId, d.orderId,
                    d.customerId, remedy.instrument(), remedy.amount(), "goodwill-" + commandId, at, remedy.validForDays(),
                    remedy.memoryAnchor(), grant.fallbacks(), choice ? alternatives : List.of(), facts, d.policyVersion,
                    d.reasonCode, grant.messageTemplate(), grant.statutory(),
                    // The customer's time to choose runs from the command, so an approval later gives the full time.
                    choice ? at.plus(Duration.ofHours(d.choiceHours)) : null);
            toPublish.add(new Outbox.Pending(Topics.COMPENSATION_COMMANDS, toSend(commandId,
                    EventTypes.COMPENSATION_REQUESTED, d.orderId, at, d.incidentId, cause.id(), command)));
            if (!grant.statutory()) {
                // The choosing command holds the dearest choice, as the decision's reservation does.
                shares.put(commandId, choice ? Math.max(remedy.amount().amountMinor(), GoodwillDecision.dearest(alternatives))
                        : remedy.amount().amountMinor());
            }
        }
        return shares;
    }

    /**
     * The envelope {@link EventCodec#wrap} makes, for sending only: its data is the payload itself rather than a JSON
     * tree made from it, so the payload is turned into JSON once, when the outbox writes the envelope (the same text:
     * the codec's mapper writes both). Its data is not a tree to read from; nothing reads these envelopes but the outbox.
     */
    private static EventEnvelope toSend(String id, String type, String orderId, Instant time, String correlationId,
                                        String causationId, Object payload) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, id, SOURCE, type, orderId, time, EventEnvelope.JSON,
                correlationId, causationId, new POJONode(payload));
    }

    /** Derived from decision and instrument; a duty and the memory anchor are told apart from the remedy itself. */
    static String commandId(String decisionId, Grant grant) {
        String instrument = grant.remedy().instrument().name();
        if (grant.statutory()) {
            return DerivedId.of("command", decisionId, instrument, "statutory");
        }
        return grant.remedy().memoryAnchor() ? DerivedId.of("command", decisionId, instrument, "memory-anchor")
                : DerivedId.of("command", decisionId, instrument);
    }

    /**
     * Whether a command of the decision executes a statutory duty: a duty draws on no budget, so its results settle
     * nothing there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isStatutoryCommand(String decisionId, String commandId) {
        DecisionEntity d = DecisionEntity.findById(decisionId);
        return d != null && d.statutory && grants(d.grantsJson).stream()
                .anyMatch(g -> g.statutory() && commandId(decisionId, g).equals(commandId));
    }

    public static List<Grant> grants(String json) {
        return read(json, GRANTS);
    }

    public static List<Remedy> remedies(String json) {
        return read(json, REMEDIES);
    }

    public static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    public static CaseFacts facts(DecisionEntity d) {
        return d.factsJson == null ? null : read(d.factsJson, new TypeReference<CaseFacts>() {
        });
    }

    public static RiskAssessment risk(DecisionEntity d) {
        return d.riskJson == null ? null : read(d.riskJson, new TypeReference<RiskAssessment>() {
        });
    }

    /** As the event codec writes it. */
    public static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
