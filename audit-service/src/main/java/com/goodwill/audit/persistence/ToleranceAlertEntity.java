package com.goodwill.audit.persistence;

import com.goodwill.contracts.alert.ToleranceAlert;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tolerance alert raised and published; remembered so that it is raised once. */
@Entity
@Table(name = "tolerance_alert")
public class ToleranceAlertEntity extends PanacheEntityBase {

    @Id
    @Column(name = "alert_id")
    public String alertId;
    public String dimension;
    @Column(name = "dimension_value")
    public String dimensionValue;
    @Column(name = "incident_rate")
    public double incidentRate;
    @Column(name = "rate_limit")
    public double rateLimit;
    public long incidents;
    public long orders;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    @Column(name = "raised_at")
    public Instant raisedAt;

    public static ToleranceAlertEntity of(ToleranceAlert alert) {
        ToleranceAlertEntity row = new ToleranceAlertEntity();
        row.alertId = alert.alertId();
        row.dimension = alert.dimension();
        row.dimensionValue = alert.value();
        row.incidentRate = alert.incidentRate();
        row.rateLimit = alert.limit();
        row.incidents = alert.incidents();
        row.orders = alert.orders();
        row.windowStart = alert.windowStart();
        row.windowEnd = alert.windowEnd();
        row.raisedAt = alert.raisedAt();
        return row;
    }

    public ToleranceAlert toAlert() {
        return new ToleranceAlert(alertId, dimension, dimensionValue, incidentRate, rateLimit, incidents, orders, windowStart,
                windowEnd, raisedAt);
    }
}
