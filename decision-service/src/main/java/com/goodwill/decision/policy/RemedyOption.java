package com.goodwill.decision.policy;

import com.goodwill.contracts.decision.Instrument;

/**
 * A remedy offered beside the chosen one (an alternative the customer may pick, a fallback if it cannot be executed,
 * or a segment's memory anchor), priced by its own amount rule.
 */
public record RemedyOption(Instrument instrument, AmountRule amount, Integer validForDays) {

    public AmountRule amountRule() {
        return amount == null ? AmountRule.NONE : amount;
    }
}
