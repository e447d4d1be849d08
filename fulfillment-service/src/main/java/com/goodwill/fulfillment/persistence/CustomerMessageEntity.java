package com.goodwill.fulfillment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.time.Instant;

/** A message to a customer in the mail outbox, with where its delivery stands. See V20 for the columns' meaning. */
@Entity
@Table(name = "customer_message")
public class CustomerMessageEntity extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String NO_CONTACT = "NO_CONTACT";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "message_id")
    public String messageId;
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
    public String kind;
    public String status;
    public String facts;
    @Column(name = "cause_event_id")
    public String causeEventId;
    public String template;
    public String language;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /**
     * Not a column: the command's JSON from its own row, read with a claimed message ({@code MailOutbox.claimDue}),
     * since the facts of a command executed here leave the command out instead of repeating it per message.
     */
    @Transient
    public String commandJson;
}
