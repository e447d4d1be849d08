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
import com.goodwill.decision.config.DecisionConfig;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.policy.GoodwillPolicy;
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
 * Loads nothing, decides through {@link GoodwillPolicy}, stores the decision and announces it with its
 * compensation command, all in the consumer's transaction. An incident already decided is not decided again.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = "/goodwill/decision-service";
    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final Outbox outbox;
    private final Clock clock;
    private final DecisionConfig config;
    private final GoodwillPolicy policy;

    public DecisionService(Outbox outbox, Clock clock, DecisionConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.policy = new GoodwillPolicy(config.rule());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(EventEnvelope cause, Incident incident) {
        if (DecisionEntity.count("incidentId", incident.incidentId()) > 0) {
            LOG.infof("Incident %s is decided already; nothing more is granted", incident.incidentId());
            return;
        }
        PolicyDecision decided = policy.decide(incident);
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
        decision.policyVersion = config.policyVersion();
        decision.reasonCode = decided.reasonCode();
        decision.narrative = decided.narrative();
        decision.decidedAt = now;
        decision.persist();

        DecisionMade made = new DecisionMade(decisionId, incident.incidentId(), incident.orderId(),
                incident.order().customerId(), decided.outcome(), List.of(new Remedy(decided.instrument(), decided.amount())),
                decided.tier(), config.policyVersion(), decided.reasonCode(), config.costCentre(), config.owner(),
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
        LOG.infof("Decision %s for incident %s: %s %s %d %s (%s)", decisionId, incident.incidentId(), decided.outcome(),
                decided.instrument(), decided.amount().amountMinor(), decided.amount().currency(), decided.reasonCode());
    }
}
