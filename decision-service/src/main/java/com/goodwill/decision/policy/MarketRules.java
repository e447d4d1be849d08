package com.goodwill.decision.policy;

import java.util.Map;

/**
 * What a policy document says for one market (or for {@code *}, every market not listed): who books and answers for
 * the goodwill, and the approval thresholds per currency.
 *
 * @param tiers per ISO-4217 currency (or {@code *}): up to which total a decision is automatic, up to which a
 *              supervisor approves; above that a manager approves
 */
public record MarketRules(String costCentre, String owner, Map<String, TierThresholds> tiers) {

    public MarketRules {
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    }

    public TierThresholds tiersFor(String currency) {
        TierThresholds thresholds = tiers.get(currency);
        if (thresholds == null) {
            thresholds = tiers.get(PerCurrency.ANY);
        }
        if (thresholds == null) {
            throw new IllegalStateException("policy has no tier thresholds for currency " + currency + " nor *");
        }
        return thresholds;
    }

    /** Totals in minor units; a total equal to a threshold stays in the lower tier. */
    public record TierThresholds(long autoUpToMinor, long supervisorUpToMinor) {

        public Tier tierOf(long totalMinor) {
            if (totalMinor <= autoUpToMinor) {
                return Tier.AUTO;
            }
            return totalMinor <= supervisorUpToMinor ? Tier.SUPERVISOR : Tier.MANAGER;
        }
    }
}
