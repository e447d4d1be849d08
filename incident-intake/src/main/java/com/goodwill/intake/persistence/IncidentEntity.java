package com.goodwill.intake.persistence;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "incident")
public class IncidentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "shipment_id")
    public String shipmentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "incident_class")
    public IncidentClass incidentClass;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public IncidentSource source;
    @Column(name = "delay_hours")
    public Long delayHours;
    public String evidence;
    @Column(name = "detected_at")
    public Instant detectedAt;
}
