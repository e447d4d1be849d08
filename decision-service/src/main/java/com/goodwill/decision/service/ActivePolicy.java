package com.goodwill.decision.service;

import com.goodwill.decision.policy.MarketRules;
import com.goodwill.decision.policy.PolicyDocument;

/** The policy version that decides for one market right now: the whole document and the market's own rules. */
public record ActivePolicy(String version, PolicyDocument document, MarketRules rules) {
}
