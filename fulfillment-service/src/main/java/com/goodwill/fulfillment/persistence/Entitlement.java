package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.decision.Instrument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "entitlement")
public class Entitlement extends PanacheEntityBase {

    @Id
    @Column(name = "entitlement_id")
    public String entitlementId;
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    public int quantity;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Column(name = "granted_at")
    public Instant grantedAt;
}
