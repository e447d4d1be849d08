package com.goodwill.audit.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.IOException;
import java.time.Instant;

/** One event in the ledger, as received. Rows are never updated (a database trigger refuses it). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntryEntity extends PanacheEntityBase {

    @Id
    public Long sequence;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String source;
    public String subject;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "causation_id")
    public String causationId;
    @Column(name = "event_time")
    public Instant eventTime;
    public String topic;
    @Column(name = "kafka_partition")
    public int kafkaPartition;
    @Column(name = "kafka_offset")
    public long kafkaOffset;
    @Column(columnDefinition = "text")
    public String payload;
    @Column(name = "previous_hash")
    public String previousHash;
    @Column(name = "entry_hash")
    public String entryHash;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The event's business payload ({@code data}) as JSON; null if the stored text cannot be read. */
    public JsonNode data() {
        try {
            return EventCodec.mapper().readTree(payload).get("data");
        } catch (IOException e) {
            return null;
        }
    }
}
