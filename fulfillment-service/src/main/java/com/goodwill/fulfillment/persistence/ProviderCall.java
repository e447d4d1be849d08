package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.decision.Instrument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/**
 * The journal of a call to an outside system: INTENDED is committed before the call, so a crash after the provider
 * accepted leaves a record naming the call and its idempotency key; the restart repeats the call with that key.
 */
@Entity
@Table(name = "provider_call")
@IdClass(ProviderCall.Key.class)
public class ProviderCall extends PanacheEntityBase {

    public enum Status { INTENDED, CONFIRMED, UNAVAILABLE }

    public record Key(String commandId, int remedyIndex) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "command_id")
    public String commandId;
    @Id
    @Column(name = "remedy_index")
    public int remedyIndex;
    @Column(name = "call_key")
    public String callKey;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String reference;
    public String detail;
    @Column(name = "intended_at")
    public Instant intendedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
