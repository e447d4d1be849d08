package com.goodwill.decision.customer;

/**
 * The raw signals of the abuse-risk score that are not in {@link CustomerFigures}: what the customer's order and its
 * address and payment instrument share with other accounts, and how fast claims arrive, as of the moment of the
 * decision. The weights and limits that turn them into a score are policy data. Statutory claims never count.
 *
 * @param paymentMethod                  of the order decided on (e.g. card, paypal, invoice); null while the order's
 *                                       placement has not reached decision-service (then nothing is shared either)
 * @param accountsSharingAddress         other customer accounts that ordered to the same address fingerprint by then
 * @param accountsSharingPaymentInstrument other customer accounts that paid with the same instrument fingerprint by then
 * @param claimsOnAddress30d             goodwill claims of all accounts (this one included) on orders to that address in
 *                                       the last 30 days
 * @param claimsLast24h                  goodwill claims of the customer in the last 24 hours (velocity)
 */
public record RiskSignals(
        String paymentMethod,
        int accountsSharingAddress,
        int accountsSharingPaymentInstrument,
        int claimsOnAddress30d,
        int claimsLast24h) {

    public static RiskSignals none(String paymentMethod) {
        return new RiskSignals(paymentMethod, 0, 0, 0, 0);
    }
}
