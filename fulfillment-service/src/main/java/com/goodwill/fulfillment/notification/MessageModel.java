package com.goodwill.fulfillment.notification;

import java.util.List;

/**
 * What a template sees: the case's facts, already written in the message's language (amounts, dates, remedies),
 * so templates hold only sentences. Null where a fact does not apply.
 *
 * @param first          the first message about this compensation: open with what went wrong and the apology
 * @param offer          the remedy in words, with its amount ("a refund of 12.40 EUR")
 * @param paymentTarget  where a refund goes ("your card")
 * @param horizon        how long the remedy takes ("within 3 to 5 banking days")
 * @param latestBy       the last day of that horizon, counted from now
 * @param insteadOf      for a fallback: the remedy that could not be carried out, in words
 * @param choiceUntil    for {@link MessageKind#CHOICE_OFFERED}: until when the customer may choose (day and time)
 * @param outOfStock     for a fallback: the remedy was a replacement, and the item is no longer in stock
 * @param customerName   how the customer wants to be addressed; null greets without a name
 */
public record MessageModel(
        String language,
        boolean first,
        boolean proactive,
        boolean statutory,
        boolean memoryAnchor,
        String incidentClass,
        String orderId,
        String carrier,
        Long delayHours,
        String promisedDate,
        String expectedDate,
        String instrument,
        String offer,
        String amount,
        String paymentTarget,
        String horizon,
        String latestBy,
        String validUntil,
        Integer validForDays,
        String trackingNumber,
        String voucherCode,
        String insteadOf,
        boolean outOfStock,
        String choiceUntil,
        List<Choice> alternatives,
        String customerName) {

    /** A remedy the customer may choose instead, with its price tag and the link that chooses it. */
    public record Choice(String instrument, String offer, String link) {
    }

    public boolean hasAlternatives() {
        return alternatives != null && !alternatives.isEmpty();
    }
}
