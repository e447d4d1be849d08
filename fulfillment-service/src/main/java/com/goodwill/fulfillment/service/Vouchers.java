package com.goodwill.fulfillment.service;

import com.goodwill.contracts.Money;
import com.goodwill.fulfillment.execution.VoucherCodes;
import com.goodwill.fulfillment.persistence.Voucher;
import com.goodwill.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Issues vouchers with unguessable codes and redeems each once. */
@ApplicationScoped
public class Vouchers {

    private final Clock clock;

    public Vouchers(Clock clock) {
        this.clock = clock;
    }

    // A remedy that cannot be booked (no amount) fails the command; it must not roll back the step that says so.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = IllegalArgumentException.class)
    public Voucher issue(String commandId, String customerId, Money value, Instant expiresAt) {
        if (value.amountMinor() <= 0) {
            throw new IllegalArgumentException("a voucher needs a positive value, not " + value.amountMinor());
        }
        Voucher existing = Voucher.find("commandId", commandId).firstResult();
        if (existing != null) {
            return existing;
        }
        Voucher voucher = new Voucher();
        voucher.code = VoucherCodes.next();
        voucher.commandId = commandId;
        voucher.customerId = customerId;
        voucher.valueMinor = value.amountMinor();
        voucher.currency = value.currency();
        voucher.issuedAt = clock.instant();
        voucher.expiresAt = expiresAt;
        voucher.persist();
        return voucher;
    }

    /**
     * Redeems the voucher on an order. Redeeming it again on the same order answers the first redemption; on another
     * order, or once expired, it is refused with 409.
     */
    @Transactional
    public Voucher redeem(String code, String orderId) {
        Voucher voucher = Voucher.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (voucher == null) {
            throw ProblemException.notFound("No voucher " + code);
        }
        if (voucher.redeemedAt != null) {
            if (orderId.equals(voucher.redeemedOrderId)) {
                return voucher;
            }
            throw new ProblemException(409, "Voucher already redeemed", "voucher " + code + " was redeemed on "
                    + voucher.redeemedAt + " for another order", List.of());
        }
        Instant now = clock.instant();
        if (voucher.expiresAt != null && !voucher.expiresAt.isAfter(now)) {
            throw new ProblemException(409, "Voucher expired", "voucher " + code + " expired at " + voucher.expiresAt,
                    List.of());
        }
        voucher.redeemedAt = now;
        voucher.redeemedOrderId = orderId;
        return voucher;
    }
}
