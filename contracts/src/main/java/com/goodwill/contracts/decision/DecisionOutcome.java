package com.goodwill.contracts.decision;

public enum DecisionOutcome {
    COMPENSATE,
    NO_COMPENSATION,
    PENDING_APPROVAL
}
