package com.goodwill.decision.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.envelope.EventCodec;

import java.util.Map;
import java.util.Optional;

/**
 * A policy document as read after it passed {@link PolicySchema}; the schema, not this class, guards its shape.
 *
 * @param markets rules per ISO-3166 alpha-2 market; {@link #DEFAULT_MARKET} for every market not listed
 */
public record PolicyDocument(String description, Map<String, MarketRules> markets) {

    public static final String DEFAULT_MARKET = "*";

    public PolicyDocument {
        markets = Map.copyOf(markets);
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
}
