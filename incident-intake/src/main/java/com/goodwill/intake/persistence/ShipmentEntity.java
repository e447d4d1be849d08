package com.goodwill.intake.persistence;

import com.goodwill.contracts.carrier.TrackingStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "shipment")
public class ShipmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "order_id")
    public String orderId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "service_level")
    public String serviceLevel;
    @Enumerated(EnumType.STRING)
    public TrackingStatus status;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "expected_delivery_at")
    public Instant expectedDeliveryAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<ShipmentEntity> byTracking(String carrier, String trackingNumber) {
        return find("carrier = ?1 and trackingNumber = ?2", carrier, trackingNumber).firstResultOptional();
    }
}
