package com.goodwill.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A check that is due at a time: found through the due-time index. */
@Entity
@Table(name = "detection_timer")
public class DetectionTimerEntity extends PanacheEntityBase {

    public enum Kind {
        /** The order must have shipped by now. */
        DISPATCH,
        /** The labelled parcel must have had its first carrier scan by now. */
        FIRST_SCAN,
        /** The parcel in transit must have been scanned again by now. */
        STALL,
        /** A parcel without a scan this long is presumed lost. */
        PRESUMED_LOST,
        /** A tracking number seen from a carrier must match an order by now. */
        UNMATCHED_TRACKING
    }

    @Id
    @Column(name = "timer_key")
    public String timerKey;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "shipment_id")
    public String shipmentId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "set_at")
    public Instant setAt;
}
