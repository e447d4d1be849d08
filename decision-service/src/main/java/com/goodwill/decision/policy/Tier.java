package com.goodwill.decision.policy;

/** Approval tiers, lowest first: AUTO is decided and executed without a person. */
public enum Tier {
    AUTO,
    SUPERVISOR,
    MANAGER;

    public Tier atLeast(Tier other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
