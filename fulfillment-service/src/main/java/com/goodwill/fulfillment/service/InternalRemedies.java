package com.goodwill.fulfillment.service;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.fulfillment.execution.Amounts;
import com.goodwill.fulfillment.execution.RemedyOutcome;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.Entitlement;
import com.goodwill.fulfillment.persistence.LedgerTransaction;
import com.goodwill.fulfillment.persistence.Voucher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The remedies this service books itself, in the transaction that records the command's final step: store credit,
 * vouchers, entitlements, apologies (with or without a small amount of credit).
 */
@ApplicationScoped
public class InternalRemedies {

    private final StoreCreditLedger ledger;
    private final Vouchers vouchers;
    private final Entitlements entitlements;
    private final Clock clock;
    private final int subscriptionExtensionDays;

    public InternalRemedies(StoreCreditLedger ledger, Vouchers vouchers, Entitlements entitlements, Clock clock,
                            @ConfigProperty(name = "goodwill.fulfilment.subscription-extension-days", defaultValue = "30")
                            int subscriptionExtensionDays) {
        this.ledger = ledger;
        this.vouchers = vouchers;
        this.entitlements = entitlements;
        this.clock = clock;
        this.subscriptionExtensionDays = subscriptionExtensionDays;
    }

    // A remedy that cannot be booked (no amount) fails the command; it must not roll back the step that says so.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = IllegalArgumentException.class)
    public RemedyOutcome.Executed execute(CommandEntity command, Remedy remedy) {
        Instant expiresAt = remedy.validForDays() == null ? null
                : clock.instant().plus(Duration.ofDays(remedy.validForDays()));
        String until = expiresAt == null ? "" : ", usable until " + expiresAt;
        String anchor = remedy.memoryAnchor() ? "a small extra on top: " : "";
        Money amount = remedy.amount();
        return switch (remedy.instrument()) {
            case STORE_CREDIT -> {
                LedgerTransaction grant = ledger.grant(command.commandId, command.customerId, command.orderId, amount, expiresAt);
                yield new RemedyOutcome.Executed(grant.transactionId, anchor + "store credit of " + Amounts.format(amount)
                        + " booked" + until);
            }
            case VOUCHER -> {
                Voucher voucher = vouchers.issue(command.commandId, command.customerId, amount, expiresAt);
                yield new RemedyOutcome.Executed(voucher.code, anchor + "voucher of " + Amounts.format(amount)
                        + " issued for single use" + (expiresAt == null ? "" : ", valid until " + expiresAt));
            }
            case EXPRESS_UPGRADE -> {
                Entitlement e = entitlements.grant(command, Instrument.EXPRESS_UPGRADE, 1, expiresAt);
                yield new RemedyOutcome.Executed(e.entitlementId, anchor + "express shipping on the next order" + until);
            }
            case SUBSCRIPTION_EXTENSION -> {
                Entitlement e = entitlements.grant(command, Instrument.SUBSCRIPTION_EXTENSION, subscriptionExtensionDays,
                        expiresAt);
                yield new RemedyOutcome.Executed(e.entitlementId, anchor + "subscription extended by "
                        + subscriptionExtensionDays + " days");
            }
            case APOLOGY -> new RemedyOutcome.Executed(null, anchor + "apology recorded");
            case APOLOGY_WITH_MICRO_COMPENSATION -> {
                if (amount == null || amount.amountMinor() == 0) {
                    yield new RemedyOutcome.Executed(null, anchor + "apology recorded");
                }
                LedgerTransaction grant = ledger.grant(command.commandId, command.customerId, command.orderId, amount, expiresAt);
                yield new RemedyOutcome.Executed(grant.transactionId, anchor + "apology with store credit of "
                        + Amounts.format(amount) + until);
            }
            default -> throw new IllegalArgumentException(remedy.instrument() + " is executed by an outside system");
        };
    }
}
