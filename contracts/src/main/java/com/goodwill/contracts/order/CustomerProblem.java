package com.goodwill.contracts.order;

/** What a customer can report about a delivery. */
public enum CustomerProblem {
    DAMAGED,
    MISSING_ITEM,
    WRONG_ITEM,
    NOT_RECEIVED
}
