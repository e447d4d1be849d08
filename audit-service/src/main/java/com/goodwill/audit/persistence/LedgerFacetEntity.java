package com.goodwill.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The searchable facts of one ledger entry (same sequence), kept beside the immutable entry and derived from it,
 * with the entry's type and time copied so that a search filters and pages on this table alone.
 */
@Entity
@Table(name = "ledger_facet")
public class LedgerFacetEntity extends PanacheEntityBase {

    @Id
    public Long sequence;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "event_time")
    public Instant eventTime;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "decision_id")
    public String decisionId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    public String market;
    @Column(name = "reason_code")
    public String reasonCode;
    @Column(name = "incident_class")
    public String incidentClass;
}
