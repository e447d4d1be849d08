package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.compensation.FulfilmentStatus;
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
@Table(name = "compensation_command")
public class CommandEntity extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "decision_id")
    public String decisionId;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "customer_id")
    public String customerId;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Enumerated(EnumType.STRING)
    public FulfilmentStatus status;
    public String reference;
    public String detail;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** The command as received (JSON), so a retry or a restart executes exactly what was asked. */
    @Column(name = "command_json", columnDefinition = "text")
    public String commandJson;
    @Column(name = "cause_event_id")
    public String causeEventId;
    /** 1 for the first execution, one more for each operator retry. */
    public int attempt;
    /** What was finally executed: the instrument itself or a fallback. */
    @Enumerated(EnumType.STRING)
    @Column(name = "executed_instrument")
    public Instrument executedInstrument;
    @Column(name = "executed_amount_minor")
    public Long executedAmountMinor;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /**
     * Until when the customer may choose one of the command's alternatives; the command waits in RECEIVED until then.
     * Null: no choice (none offered, or the time to choose had passed when the command arrived).
     */
    @Column(name = "choice_until")
    public Instant choiceUntil;
    /** Steps recorded so far (the last step's {@code seq}). */
    @Column(name = "step_count")
    public int stepCount;
}
