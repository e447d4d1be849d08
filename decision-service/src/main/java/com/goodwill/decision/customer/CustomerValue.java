package com.goodwill.decision.customer;

import java.time.Instant;

/**
 * Reads a customer's figures and risk signals as of a moment, from decision-service's own projection of the order
 * events and of its own decisions. Implemented over PostgreSQL ({@code persistence.CustomerProfiles}, one query per
 * method); the policy engine only ever sees the records. Claims are recorded there by the DecisionService, in the
 * decision's transaction ({@code CustomerProfiles.recordClaim}).
 */
public interface CustomerValue {

    /**
     * The customer's figures as of {@code at}, money in {@code currency}; {@link CustomerFigures#unknown} for a customer
     * without orders or claims by then.
     */
    CustomerFigures figures(String customerId, String currency, Instant at);

    /** The risk signals of the customer's order {@code orderId} as of {@code at}. */
    RiskSignals signals(String customerId, String orderId, Instant at);
}
