package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;

/** What the policy decided for one incident, before it is stored and announced. */
public record PolicyDecision(DecisionOutcome outcome, Instrument instrument, Money amount, String tier,
                             String reasonCode, String narrative) {
}
