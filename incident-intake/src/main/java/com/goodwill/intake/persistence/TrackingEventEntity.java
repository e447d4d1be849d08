package com.goodwill.intake.persistence;

import com.goodwill.contracts.carrier.TrackingStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.sql.Timestamp;
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

    /**
     * Inserts this event unless it is a duplicate by event key or by natural key (carrier, tracking number,
     * status, time, location); returns whether it was inserted. The row is not managed afterwards.
     */
    public boolean insertUnlessDuplicate() {
        return getEntityManager().createNativeQuery("insert into tracking_event (event_key, carrier, tracking_number, "
                        + "shipment_id, status, occurred_at, location, revised_eta, raw_code, raw_text, cloud_event_id, "
                        + "received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as timestamptz), ?9, ?10, ?11, ?12) on conflict do nothing")
                .setParameter(1, eventKey).setParameter(2, carrier).setParameter(3, trackingNumber)
                .setParameter(4, shipmentId).setParameter(5, status.name()).setParameter(6, Timestamp.from(occurredAt))
                .setParameter(7, location).setParameter(8, revisedEta == null ? null : Timestamp.from(revisedEta))
                .setParameter(9, rawCode).setParameter(10, rawText).setParameter(11, cloudEventId)
                .setParameter(12, Timestamp.from(receivedAt))
                .executeUpdate() == 1;
    }

    public static List<TrackingEventEntity> unmatched(String carrier, String trackingNumber) {
        return list("carrier = ?1 and trackingNumber = ?2 and shipmentId is null order by occurredAt",
                carrier, trackingNumber);
    }
}
