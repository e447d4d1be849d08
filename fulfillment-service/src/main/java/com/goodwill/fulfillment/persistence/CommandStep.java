package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.compensation.FulfilmentStatus;
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
import java.util.List;

/** One step of a command's execution, as published in a FulfilmentRecorded event. */
@Entity
@Table(name = "command_step")
@IdClass(CommandStep.Key.class)
public class CommandStep extends PanacheEntityBase {

    public record Key(String commandId, int seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "command_id")
    public String commandId;
    @Id
    public int seq;
    @Enumerated(EnumType.STRING)
    public FulfilmentStatus status;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    public String reference;
    public String detail;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static List<CommandStep> of(String commandId) {
        return list("commandId = ?1 order by seq", commandId);
    }
}
