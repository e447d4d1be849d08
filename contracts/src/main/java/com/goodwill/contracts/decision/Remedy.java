package com.goodwill.contracts.decision;

import com.goodwill.contracts.Money;

/** One instrument with its amount (zero for instruments that move no money, such as an apology). */
public record Remedy(Instrument instrument, Money amount) {
}
