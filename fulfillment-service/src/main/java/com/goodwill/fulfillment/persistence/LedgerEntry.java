package com.goodwill.fulfillment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One side of a ledger transaction on one account: DEBIT or CREDIT, a positive amount. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "entry_id")
    public Long entryId;
    @Column(name = "transaction_id")
    public String transactionId;
    public String account;
    public String direction;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Column(name = "booked_at")
    public Instant bookedAt;
}
