package com.goodwill.decision.policy;

import java.util.Map;

/**
 * The first goodwill rule: store credit worth a share of the order value, capped per currency. Read from the
 * {@code storeCredit} part of a policy document, so the field names are the document's.
 *
 * @param percent           the share of the order value, in percent
 * @param capMinor          the most one incident earns, in minor units per ISO-4217 currency
 * @param defaultCapMinor   the cap for currencies without their own
 * @param apologyBelowMinor a credit below this is not granted; the customer gets an apology instead
 */
public record StoreCreditRule(int percent, Map<String, Long> capMinor, long defaultCapMinor, long apologyBelowMinor) {

    public StoreCreditRule {
        capMinor = Map.copyOf(capMinor);
    }

    public long capFor(String currency) {
        return capMinor.getOrDefault(currency, defaultCapMinor);
    }
}
