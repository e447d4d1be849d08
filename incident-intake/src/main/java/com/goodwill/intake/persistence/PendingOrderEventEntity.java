package com.goodwill.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An order event waiting for its order's "placed" event. */
@Entity
@Table(name = "pending_order_event")
public class PendingOrderEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(columnDefinition = "text")
    public String payload;
    @Column(name = "cloud_event_id")
    public String cloudEventId;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static List<PendingOrderEventEntity> waitingFor(String orderId) {
        return list("orderId = ?1 order by occurredAt, eventId", orderId);
    }
}
