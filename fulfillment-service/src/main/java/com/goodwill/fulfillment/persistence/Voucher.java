package com.goodwill.fulfillment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "voucher")
public class Voucher extends PanacheEntityBase {

    @Id
    public String code;
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "value_minor")
    public long valueMinor;
    public String currency;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "redeemed_at")
    public Instant redeemedAt;
    @Column(name = "redeemed_order_id")
    public String redeemedOrderId;
}
