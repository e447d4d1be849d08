package com.goodwill.contracts.compensation;

public enum FulfilmentStatus {
    RECEIVED,
    EXECUTING,
    SUCCEEDED,
    FAILED,
    FULFILLED_BY_FALLBACK
}
