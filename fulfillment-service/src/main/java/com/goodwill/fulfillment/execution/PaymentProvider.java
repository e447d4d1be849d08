package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.Money;

/** The payment provider, as the refund executor needs it. */
public interface PaymentProvider {

    record Refund(String orderId, String customerId, Money amount, String reason) {
    }

    record RefundReceipt(String refundId, String status) {
    }

    /**
     * Refunds to the order's original payment method. The same key returns the first refund and moves no money again.
     *
     * @throws OutsideSystemException when the provider cannot be reached or fails
     * @throws OutsideSystemRefusal   when the provider refuses the refund
     */
    RefundReceipt refund(Refund refund, String idempotencyKey);
}
