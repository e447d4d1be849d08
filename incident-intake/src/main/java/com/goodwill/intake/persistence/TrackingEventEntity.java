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
import java.util.List;

/** A carrier event as accepted; kept as evidence and, while its shipment is unknown, for later linking. */
@Entity
@Table(name = "tracking_event")
public class TrackingEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_key")
    public String eventKey;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "shipment_id")
    public String shipmentId;
    @Enumerated(EnumType.STRING)
    public TrackingStatus status;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String location;
    @Column(name = "revised_eta")
    public Instant revisedEta;
    @Column(name = "raw_code")
    public String rawCode;
    @Column(name = "raw_text")
    public String rawText;
    @Column(name = "cloud_event_id")
    public String cloudEventId;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static List<TrackingEventEntity> unmatched(String carrier, String trackingNumber) {
        return list("carrier = ?1 and trackingNumber = ?2 and shipmentId is null order by occurredAt",
                carrier, trackingNumber);
    }
}
