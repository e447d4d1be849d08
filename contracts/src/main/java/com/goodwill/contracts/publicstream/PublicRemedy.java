package com.goodwill.contracts.publicstream;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

/**
 * One remedy as subscribers see it.
 *
 * @param validForDays how long a store credit, voucher or entitlement stays usable; null for no expiry
 */
public record PublicRemedy(Instrument instrument, Money amount, Integer validForDays) {
}
