package com.goodwill.decision.service;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.policy.GoodwillPolicy;
import com.goodwill.decision.policy.MarketRules;
import com.goodwill.decision.policy.PolicyDecision;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Decides through {@link GoodwillPolicy} with the rules of the policy version active for the incident's market
 * (else the default's), stores the decision with that version and announces it with its compensation command,
 * all in the consumer's transaction. An incident already decided is not decided again.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = "/goodwill/decision-service";
    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final Outbox outbox;
    private final Clock clock;
    private final PolicyService policies;

    public DecisionService(Outbox outbox, Clock clock, PolicyService policies) {
        this.outbox = outbox;
        this.clock = clock;
        this.policies = policies;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(EventEnvelope cause, Incident incident) {
        if (DecisionEntity.count("incidentId", incident.incidentId()) > 0) {
            LOG.infof("Incident %s is decided already; nothing more is granted", incident.incidentId());
            return;
        }
        // Read in this transaction: a decision made after an activation committed uses the activated version.
        // No active policy is a fault of the deployment, not of the record: the consumer retries, then dead-letters.
        ActivePolicy active = policies.activeFor(incident.order().market())
                .orElseThrow(() -> new IllegalStateException("No policy is active for market " + incident.order().market()));
        MarketRules rules = active.rules();
        PolicyDecision decided = new GoodwillPolicy(rules.storeCredit()).decide(incident);
        Instant now = clock.instant();
        String decisionId = DerivedId.of("decision", incident.incidentId());

        DecisionEntity decision = new DecisionEntity();
        decision.decisionId = decisionId;
        decision.incidentId = incident.incidentId();
        decision.orderId = incident.orderId();
        decision.customerId = incident.order().customerId();
        decision.outcome = decided.outcome();
        decision.instrument = decided.instrument();
        decision.amountMinor = decided.amount().amountMinor();
        decision.currency = decided.amount().currency();
        decision.tier = decided.tier();
        decision.policyVersion = active.version();
        decision.reasonCode = decided.reasonCode();
        decision.narrative = decided.narrative();
        decision.decidedAt = now;
        decision.persist();

        DecisionMade made = new DecisionMade(decisionId, incident.incidentId(), incident.orderId(),
                incident.order().customerId(), decided.outcome(), List.of(new Remedy(decided.instrument(), decided.amount())),
                decided.tier(), active.version(), decided.reasonCode(), rules.costCentre(), rules.owner(),
                decided.narrative(), now);
        EventEnvelope madeEvent = EventCodec.wrap(DerivedId.of("decision-made", decisionId), EventTypes.DECISION_MADE,
                SOURCE, incident.orderId(), now, incident.incidentId(), cause.id(), made);
        outbox.publish(Topics.DECISIONS, madeEvent);

        if (decided.outcome() == DecisionOutcome.COMPENSATE) {
            String commandId = DerivedId.of("command", decisionId, decided.instrument().name());
            CompensationRequested command = new CompensationRequested(commandId, decisionId, incident.incidentId(),
                    incident.orderId(), incident.order().customerId(), decided.instrument(), decided.amount(),
                    "goodwill-" + commandId, now);
            outbox.publish(Topics.COMPENSATION_COMMANDS, EventCodec.wrap(commandId, EventTypes.COMPENSATION_REQUESTED,
                    SOURCE, incident.orderId(), now, incident.incidentId(), madeEvent.id(), command));
        }
        LOG.infof("Decision %s for incident %s: %s %s %d %s (%s, policy %s)", decisionId, incident.incidentId(),
                decided.outcome(), decided.instrument(), decided.amount().amountMinor(), decided.amount().currency(),
                decided.reasonCode(), active.version());
    }
}
