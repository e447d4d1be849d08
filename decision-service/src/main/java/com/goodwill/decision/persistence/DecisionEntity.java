package com.goodwill.decision.persistence;

import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "decision_id")
    public String decisionId;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Enumerated(EnumType.STRING)
    public DecisionOutcome outcome;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    @Column(name = "amount_minor")
    public Long amountMinor;
    public String currency;
    public String tier;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "reason_code")
    public String reasonCode;
    public String narrative;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
