package com.goodwill.decision.policy;

import java.util.Map;

/**
 * The first goodwill rule: store credit worth a share of the order value, capped per currency.
 *
 * @param percentOfOrderValue the share of the order value, in percent
 * @param capMinorByCurrency  the most one incident earns, in minor units per ISO-4217 currency
 * @param defaultCapMinor     the cap for currencies without their own
 * @param policyVersion       recorded on every decision this rule makes
 */
public record StoreCreditRule(int percentOfOrderValue, Map<String, Long> capMinorByCurrency, long defaultCapMinor,
                              String policyVersion) {

    public long capFor(String currency) {
        return capMinorByCurrency.getOrDefault(currency, defaultCapMinor);
    }
}
