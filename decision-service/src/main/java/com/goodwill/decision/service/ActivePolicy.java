package com.goodwill.decision.service;

import com.goodwill.decision.policy.MarketRules;

/** The rules that decide for one market right now, and the version they come from. */
public record ActivePolicy(String version, MarketRules rules) {
}
