package com.goodwill.decision.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.IncidentClass;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A goodwill policy document as read after it passed {@link PolicySchema}; the schema and
 * {@link PolicySchema#errors} guard its shape and consistency, this class only reads it. Everything a business tunes
 * is here; the engine ({@link GoodwillEngine}) holds no business number of its own.
 *
 * @param markets          per ISO-3166 alpha-2 market, or {@link #DEFAULT_MARKET} for every market not listed
 * @param segments         in order: a customer belongs to the first whose rule holds
 * @param playbooks        the remedies per incident class; a class without one gets no goodwill
 * @param orderCap         the most goodwill one order earns across all its incidents (statutory duties excluded)
 * @param budgets          in order: a decision draws on the first that matches
 * @param statutory        legal duties; the first that holds for a case applies
 * @param experiments      a case takes part in the first experiment it is eligible for
 * @param flags            named switches that playbooks, candidates, experiments and instruments refer to
 * @param instrumentFlags  an instrument offered only while its flag is on
 * @param messageTemplates the customer message template per instrument, unless a candidate names its own
 */
public record PolicyDocument(
        String description,
        Map<String, MarketRules> markets,
        List<Segment> segments,
        Economics economics,
        Map<IncidentClass, Playbook> playbooks,
        AmountRule orderCap,
        List<BudgetRule> budgets,
        RiskRules risk,
        List<StatutoryRule> statutory,
        List<Experiment> experiments,
        Map<String, FeatureFlags.Flag> flags,
        Map<Instrument, String> instrumentFlags,
        Map<Instrument, String> messageTemplates,
        Approvals approvals) {

    public static final String DEFAULT_MARKET = "*";

    public PolicyDocument {
        markets = Map.copyOf(markets);
        segments = segments == null ? List.of() : List.copyOf(segments);
        playbooks = playbooks == null ? Map.of() : Map.copyOf(playbooks);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        statutory = statutory == null ? List.of() : List.copyOf(statutory);
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        instrumentFlags = instrumentFlags == null ? Map.of() : Map.copyOf(instrumentFlags);
        messageTemplates = messageTemplates == null ? Map.of() : Map.copyOf(messageTemplates);
    }

    public static PolicyDocument parse(String json) {
        try {
            return EventCodec.mapper().readValue(json, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy document does not match its schema: " + e.getOriginalMessage(), e);
        }
    }

    /** The market's own rules, else the default rules; empty when the document has neither. */
    public Optional<MarketRules> rulesFor(String market) {
        return Optional.ofNullable(markets.get(market)).or(() -> Optional.ofNullable(markets.get(DEFAULT_MARKET)));
    }

    public FeatureFlags featureFlags() {
        return new FeatureFlags(flags);
    }
}
