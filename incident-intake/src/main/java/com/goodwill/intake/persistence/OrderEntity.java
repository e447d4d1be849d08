package com.goodwill.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "customer_order")
public class OrderEntity extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    public String market;
    public String channel;
    @Column(name = "payment_method")
    public String paymentMethod;
    @Column(name = "value_minor")
    public long valueMinor;
    public String currency;
    @Column(name = "promised_delivery_by")
    public Instant promisedDeliveryBy;
    @Column(name = "placed_at")
    public Instant placedAt;
    public String status;
    @Column(name = "placed_event_id")
    public String placedEventId;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static OrderEntity locked(String orderId) {
        return findById(orderId, LockModeType.PESSIMISTIC_WRITE);
    }
}
