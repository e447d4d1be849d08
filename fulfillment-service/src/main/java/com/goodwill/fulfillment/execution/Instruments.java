package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.decision.Instrument;

/** Which instruments need an outside system; the others are booked in this service's own database. */
public final class Instruments {

    private Instruments() {
    }

    public static boolean needsOutsideSystem(Instrument instrument) {
        return switch (instrument) {
            case PARTIAL_REFUND, FULL_REFUND, REPLACEMENT, EXPRESS_REPLACEMENT -> true;
            case STORE_CREDIT, VOUCHER, EXPRESS_UPGRADE, SUBSCRIPTION_EXTENSION, APOLOGY, APOLOGY_WITH_MICRO_COMPENSATION -> false;
        };
    }
}
