package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;

import java.util.Locale;
import java.util.Optional;

/** What a message to the customer says. Each is sent at most once per command. */
public enum MessageKind {
    /**
     * The remedy offers alternatives and waits for the customer's choice: what went wrong, what we will do, what the
     * customer may take instead (a link each) and until when.
     */
    CHOICE_OFFERED,
    /** A remedy that takes time (refund, replacement) has been started: what went wrong and what happens when. */
    ANNOUNCED,
    REFUND_BOOKED,
    REPLACEMENT_SHIPPED,
    CREDIT_AVAILABLE,
    VOUCHER_ISSUED,
    ENTITLEMENT_GRANTED,
    APOLOGY,
    /** The remedy could not be carried out (replacement out of stock), so another one was. */
    FALLBACK_APPLIED;

    /** Directory of this kind's templates, e.g. {@code refund-booked}. */
    public String templateDirectory() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The message a step of a command is worth, if any. A command waiting for the customer's choice offers it when
     * received. Remedies executed by outside systems are announced when they start and reported when done; those
     * this service books itself are told once, when booked. A failed step tells the customer nothing: an operator
     * retries it, and the customer hears of the outcome.
     *
     * @param instrument     what the step carries out (the customer's choice, once made)
     * @param awaitsChoice   the command was received and waits for the customer's choice
     */
    public static Optional<MessageKind> forStep(Instrument instrument, FulfilmentStatus status, boolean awaitsChoice) {
        if (status == FulfilmentStatus.RECEIVED && awaitsChoice) {
            return Optional.of(CHOICE_OFFERED);
        }
        return switch (status) {
            case RECEIVED, EXECUTING -> takesTime(instrument) ? Optional.of(ANNOUNCED) : Optional.empty();
            case SUCCEEDED -> Optional.of(done(instrument));
            case FULFILLED_BY_FALLBACK -> Optional.of(FALLBACK_APPLIED);
            case FAILED -> Optional.empty();
        };
    }

    /** The report of an instrument carried out. */
    public static MessageKind done(Instrument instrument) {
        return switch (instrument) {
            case PARTIAL_REFUND, FULL_REFUND -> REFUND_BOOKED;
            case REPLACEMENT, EXPRESS_REPLACEMENT -> REPLACEMENT_SHIPPED;
            case STORE_CREDIT -> CREDIT_AVAILABLE;
            case VOUCHER -> VOUCHER_ISSUED;
            case EXPRESS_UPGRADE, SUBSCRIPTION_EXTENSION -> ENTITLEMENT_GRANTED;
            case APOLOGY, APOLOGY_WITH_MICRO_COMPENSATION -> APOLOGY;
        };
    }

    /** Instruments an outside system carries out (payment provider, warehouse), so the customer waits for them. */
    public static boolean takesTime(Instrument instrument) {
        return switch (instrument) {
            case PARTIAL_REFUND, FULL_REFUND, REPLACEMENT, EXPRESS_REPLACEMENT -> true;
            default -> false;
        };
    }
}
