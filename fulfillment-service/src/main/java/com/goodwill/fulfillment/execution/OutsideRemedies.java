package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;

/**
 * How a refund and a replacement are executed: through the payment provider and the warehouse, each call carrying
 * the remedy's idempotency key. A replacement checks stock first; out of stock is an {@link RemedyOutcome.Unavailable},
 * so the plan moves on to the next remedy the decision allowed.
 */
public final class OutsideRemedies {

    private final PaymentProvider payments;
    private final Warehouse warehouse;

    public OutsideRemedies(PaymentProvider payments, Warehouse warehouse) {
        this.payments = payments;
        this.warehouse = warehouse;
    }

    public RemedyOutcome execute(String orderId, String customerId, Remedy remedy, String idempotencyKey) {
        return switch (remedy.instrument()) {
            case PARTIAL_REFUND, FULL_REFUND -> refund(orderId, customerId, remedy, idempotencyKey);
            case REPLACEMENT -> replace(orderId, Warehouse.ServiceLevel.STANDARD, idempotencyKey);
            case EXPRESS_REPLACEMENT -> replace(orderId, Warehouse.ServiceLevel.EXPRESS, idempotencyKey);
            default -> throw new IllegalArgumentException(remedy.instrument() + " needs no outside system");
        };
    }

    private RemedyOutcome refund(String orderId, String customerId, Remedy remedy, String key) {
        Money amount = remedy.amount();
        if (amount == null || amount.amountMinor() == null || amount.amountMinor() <= 0) {
            throw new OutsideSystemRefusal(remedy.instrument() + " needs a positive amount");
        }
        PaymentProvider.RefundReceipt receipt = payments.refund(new PaymentProvider.Refund(orderId, customerId, amount,
                remedy.instrument() == Instrument.FULL_REFUND ? "full refund" : "partial refund"), key);
        return new RemedyOutcome.Executed(receipt.refundId(), (remedy.instrument() == Instrument.FULL_REFUND
                ? "full refund of " : "refund of ") + Amounts.format(amount)
                + " to the original payment method accepted by the payment provider (" + receipt.refundId() + ")");
    }

    private RemedyOutcome replace(String orderId, Warehouse.ServiceLevel level, String key) {
        Warehouse.Availability stock = warehouse.replacementAvailability(orderId);
        if (!stock.available()) {
            return new RemedyOutcome.Unavailable("replacement out of stock (" + String.join(", ", stock.missing()) + ")");
        }
        Warehouse.ShipmentReceipt shipment = warehouse.shipReplacement(orderId, level, key);
        if (!shipment.shipped()) {
            return new RemedyOutcome.Unavailable("replacement out of stock (" + String.join(", ", shipment.outOfStock()) + ")");
        }
        return new RemedyOutcome.Executed(shipment.trackingNumber(), (level == Warehouse.ServiceLevel.EXPRESS
                ? "express replacement shipped with " : "replacement shipped with ") + shipment.carrier()
                + ", tracking number " + shipment.trackingNumber() + ", expected by " + shipment.estimatedDeliveryAt());
    }
}
