package com.goodwill.contracts.decision;

/** The remedies the platform can grant. */
public enum Instrument {
    PARTIAL_REFUND,
    FULL_REFUND,
    REPLACEMENT,
    EXPRESS_REPLACEMENT,
    STORE_CREDIT,
    VOUCHER,
    EXPRESS_UPGRADE,
    SUBSCRIPTION_EXTENSION,
    APOLOGY,
    APOLOGY_WITH_MICRO_COMPENSATION
}
