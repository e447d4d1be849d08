package com.goodwill.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** An event that led to or changed an incident. */
@Entity
@Table(name = "incident_evidence")
@IdClass(IncidentEvidenceEntity.Key.class)
public class IncidentEvidenceEntity extends PanacheEntityBase {

    public record Key(String incidentId, String eventId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "added_at")
    public Instant addedAt;
    @Column(insertable = false, updatable = false)
    public Long seq;

    public static List<String> of(String incidentId) {
        return find("select e.eventId from IncidentEvidenceEntity e where e.incidentId = ?1 order by e.addedAt, e.eventId",
                incidentId).project(String.class).list();
    }
}
