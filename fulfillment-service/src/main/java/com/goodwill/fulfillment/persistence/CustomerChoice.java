package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.decision.Instrument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The remedy a customer chose among a command's alternatives (once per command). */
@Entity
@Table(name = "customer_choice")
public class CustomerChoice extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;
    @Enumerated(EnumType.STRING)
    public Instrument instrument;
    @Column(name = "amount_minor")
    public long amountMinor;
    public String currency;
    @Column(name = "valid_for_days")
    public Integer validForDays;
    @Column(name = "chosen_at")
    public Instant chosenAt;
}
