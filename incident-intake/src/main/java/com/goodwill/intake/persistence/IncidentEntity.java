package com.goodwill.intake.persistence;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
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

/** One problem of one shipment (or order, or unmatched tracking number) and where it stands now. */
@Entity
@Table(name = "incident")
public class IncidentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    public String problem;
    @Enumerated(EnumType.STRING)
    @Column(name = "incident_class")
    public IncidentClass incidentClass;
    @Enumerated(EnumType.STRING)
    public IncidentLifecycle lifecycle;
    public int revision;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "shipment_id")
    public String shipmentId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public IncidentSource source;
    @Column(name = "delay_hours")
    public Long delayHours;
    @Column(name = "delay_probability")
    public Double delayProbability;
    @Column(name = "expected_delivery_at")
    public Instant expectedDeliveryAt;
    public String reason;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public static IncidentEntity lockedById(String incidentId) {
        return findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locked, since they are about to change. */
    public static List<IncidentEntity> openOnShipment(String shipmentId) {
        return find("shipmentId = ?1 and lifecycle <> ?2 order by detectedAt", shipmentId, IncidentLifecycle.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
