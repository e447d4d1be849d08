package com.goodwill.fulfillment.service;

import com.goodwill.contracts.Money;
import com.goodwill.fulfillment.execution.StoreCreditBalance;
import com.goodwill.fulfillment.persistence.LedgerEntry;
import com.goodwill.fulfillment.persistence.LedgerTransaction;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Store credit as a double-entry ledger. A grant debits the goodwill expense account and credits the customer's
 * store-credit account; a redemption debits the customer's account and credits the order it pays for. Every
 * transaction's debits equal its credits; the balance is derived from the customer's account entries
 * ({@link StoreCreditBalance}), never stored.
 */
@ApplicationScoped
public class StoreCreditLedger {

    public static final String GRANT = "GRANT";
    public static final String REDEMPTION = "REDEMPTION";

    private final EntityManager entityManager;
    private final Clock clock;

    public StoreCreditLedger(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public static String customerAccount(String customerId) {
        return "store-credit:" + customerId;
    }

    /** Books the grant of a command (once: the transaction id derives from the command). */
    // A remedy that cannot be booked (no amount) fails the command; it must not roll back the step that says so.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = IllegalArgumentException.class)
    public LedgerTransaction grant(String commandId, String customerId, String orderId, Money amount, Instant expiresAt) {
        if (amount.amountMinor() <= 0) {
            throw new IllegalArgumentException("store credit needs a positive amount, not " + amount.amountMinor());
        }
        String id = DerivedId.of("credit", commandId);
        LedgerTransaction existing = LedgerTransaction.findById(id);
        if (existing != null) {
            return existing;
        }
        Instant now = clock.instant();
        LedgerTransaction tx = transaction(id, GRANT, customerId, commandId, orderId, amount, expiresAt, now);
        entry(tx, "goodwill-expense:" + amount.currency(), "DEBIT");
        entry(tx, customerAccount(customerId), "CREDIT");
        return tx;
    }

    /**
     * Pays part of an order with the customer's store credit. Once per customer and order: asking again answers the
     * first redemption. Refused with 409 when the balance does not cover it.
     */
    @Transactional
    public LedgerTransaction redeem(String customerId, String orderId, Money amount) {
        LedgerTransaction earlier = LedgerTransaction.<LedgerTransaction>find(
                "customerId = ?1 and orderId = ?2 and kind = ?3", customerId, orderId, REDEMPTION).firstResult();
        if (earlier != null) {
            if (earlier.amountMinor != amount.amountMinor() || !earlier.currency.equals(amount.currency())) {
                throw new ProblemException(409, "Already redeemed", "order " + orderId + " was already paid with "
                        + earlier.amountMinor + " " + earlier.currency + " of store credit", List.of());
            }
            return earlier;
        }
        // Redemptions of one customer queue here, so two of them cannot both spend the same credit.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, customerAccount(customerId)).getSingleResult();
        Instant now = clock.instant();
        long available = balance(customerId, now).getOrDefault(amount.currency(), 0L);
        if (available < amount.amountMinor()) {
            throw new ProblemException(409, "Insufficient store credit", "the balance is " + available + " "
                    + amount.currency() + ", less than " + amount.amountMinor(), List.of());
        }
        LedgerTransaction tx = transaction(DerivedId.of("redemption", customerId, orderId), REDEMPTION, customerId, null,
                orderId, amount, null, now);
        entry(tx, customerAccount(customerId), "DEBIT");
        entry(tx, "order-payments:" + orderId, "CREDIT");
        return tx;
    }

    public Map<String, Long> balance(String customerId, Instant at) {
        List<Object[]> rows = entityManager.createQuery(
                        "select e.direction, e.amountMinor, e.currency, e.bookedAt, t.expiresAt from LedgerEntry e, "
                                + "LedgerTransaction t where t.transactionId = e.transactionId and e.account = ?1",
                        Object[].class)
                .setParameter(1, customerAccount(customerId)).getResultList();
        List<StoreCreditBalance.Movement> movements = rows.stream().map(r -> new StoreCreditBalance.Movement(
                StoreCreditBalance.Direction.valueOf((String) r[0]), (Long) r[1], (String) r[2], (Instant) r[3],
                (Instant) r[4])).toList();
        return StoreCreditBalance.at(movements, at);
    }

    public List<LedgerTransaction> transactions(String customerId) {
        return LedgerTransaction.list("customerId = ?1 order by bookedAt, transactionId", customerId);
    }

    public List<LedgerEntry> entries(String customerId) {
        return LedgerEntry.list("transactionId in (select t.transactionId from LedgerTransaction t where t.customerId = ?1) "
                + "order by entryId", customerId);
    }

    private static LedgerTransaction transaction(String id, String kind, String customerId, String commandId,
                                                 String orderId, Money amount, Instant expiresAt, Instant now) {
        LedgerTransaction tx = new LedgerTransaction();
        tx.transactionId = id;
        tx.kind = kind;
        tx.customerId = customerId;
        tx.commandId = commandId;
        tx.orderId = orderId;
        tx.amountMinor = amount.amountMinor();
        tx.currency = amount.currency();
        tx.expiresAt = expiresAt;
        tx.bookedAt = now;
        tx.persist();
        return tx;
    }

    private static void entry(LedgerTransaction tx, String account, String direction) {
        LedgerEntry entry = new LedgerEntry();
        entry.transactionId = tx.transactionId;
        entry.account = account;
        entry.direction = direction;
        entry.amountMinor = tx.amountMinor;
        entry.currency = tx.currency;
        entry.bookedAt = tx.bookedAt;
        entry.persist();
    }
}
