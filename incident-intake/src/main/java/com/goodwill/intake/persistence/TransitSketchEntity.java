package com.goodwill.intake.persistence;

import com.goodwill.contracts.carrier.TrackingStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The learnt remaining transit time of one lane from one status (a serialised t-digest). */
@Entity
@Table(name = "transit_sketch")
@IdClass(TransitSketchEntity.Key.class)
public class TransitSketchEntity extends PanacheEntityBase {

    public record Key(String lane, TrackingStatus status) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String lane;
    @Id
    @Enumerated(EnumType.STRING)
    public TrackingStatus status;
    public long samples;
    public byte[] sketch;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static TransitSketchEntity locked(String lane, TrackingStatus status) {
        return findById(new Key(lane, status), LockModeType.PESSIMISTIC_WRITE);
    }
}
