package com.goodwill.fulfillment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One store-credit movement (a grant or a redemption); its {@link LedgerEntry} rows balance. */
@Entity
@Table(name = "ledger_transaction")
public class LedgerTransaction extends PanacheEntityBase {

    @Id
    @Column(name = "transaction_id")
    public String transactionId;
    public String kind;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "booked_at")
    public Instant bookedAt;
}
