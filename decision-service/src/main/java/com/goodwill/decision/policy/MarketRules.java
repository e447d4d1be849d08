package com.goodwill.decision.policy;

/** What a policy document says for one market (or for {@code *}, every market not listed). */
public record MarketRules(String costCentre, String owner, StoreCreditRule storeCredit) {
}
