package com.goodwill.decision.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One immutable policy version; the database refuses any UPDATE or DELETE of it (see V2__policies.sql). */
@Entity
@Immutable
@Table(name = "policy_version")
public class PolicyVersionEntity extends PanacheEntityBase {

    @Id
    public String version;
    /** The document exactly as submitted, so {@link #contentHash} can be recomputed from it. */
    public String document;
    /** SHA-256 (hex) of {@link #document}'s UTF-8 bytes. */
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
