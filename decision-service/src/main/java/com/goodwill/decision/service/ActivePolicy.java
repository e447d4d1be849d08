package com.goodwill.decision.service;

import com.goodwill.decision.policy.MarketRules;

/**
 * The rules that decide for one market right now, and the version they come from.
 *
 * @param activationMarket the market whose activation is in force: the incident's own, or {@code *}
 */
public record ActivePolicy(String version, String activationMarket, MarketRules rules) {
}
