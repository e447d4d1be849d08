package com.goodwill.fulfillment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One booking on a customer's store-credit account. */
@Entity
@Table(name = "store_credit_entry")
public class StoreCreditEntry extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public String entryId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Column(name = "booked_at")
    public Instant bookedAt;
}
