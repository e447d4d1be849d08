package com.goodwill.contracts.decision;

import com.goodwill.contracts.Money;

/**
 * One instrument with its amount (zero for instruments that move no money, such as an apology).
 *
 * @param validForDays  how long a store credit, voucher or entitlement stays usable; null for no expiry or where
 *                      expiry means nothing (refunds, replacements, apologies)
 * @param memoryAnchor  the small unexpected extra granted on top for chosen segments, not the remedy itself
 */
public record Remedy(Instrument instrument, Money amount, Integer validForDays, boolean memoryAnchor) {

    public Remedy(Instrument instrument, Money amount) {
        this(instrument, amount, null, false);
    }
}
