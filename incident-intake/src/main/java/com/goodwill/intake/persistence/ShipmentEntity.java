package com.goodwill.intake.persistence;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.Subjects;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
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
    @Column(name = "origin_country")
    public String originCountry;
    @Column(name = "destination_country")
    public String destinationCountry;
    /** When the label was made (the order's shipped event). */
    @Column(name = "shipped_at")
    public Instant shippedAt;
    @Column(name = "shipped_event_id")
    public String shippedEventId;
    @Column(name = "first_scan_at")
    public Instant firstScanAt;
    /** The newest carrier scan of any kind, also one that did not move the status. */
    @Column(name = "last_scan_at")
    public Instant lastScanAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<ShipmentEntity> byTracking(String carrier, String trackingNumber) {
        return find("carrier = ?1 and trackingNumber = ?2", carrier, trackingNumber).firstResultOptional();
    }

    /**
     * Serialises everything that links a tracking number to a shipment: a carrier event for a parcel whose
     * order is shipping at the same moment either sees the shipment or is seen as unmatched by it, never
     * neither. Held until the transaction ends.
     */
    public static void lockTrackingNumber(String carrier, String trackingNumber) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, Subjects.tracking(carrier, trackingNumber)).getSingleResult();
    }

    /** Locked: carrier events and timers change a shipment one at a time. */
    public static Optional<ShipmentEntity> lockedByTracking(String carrier, String trackingNumber) {
        return find("carrier = ?1 and trackingNumber = ?2", carrier, trackingNumber)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static ShipmentEntity locked(String shipmentId) {
        return findById(shipmentId, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<ShipmentEntity> ofOrder(String orderId) {
        return list("orderId = ?1 order by shipmentId", orderId);
    }
}
