package com.goodwill.decision.persistence;

import com.goodwill.decision.policy.PolicyDocument;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.Optional;

/** One activation (or rollback) of a policy version for a market; the latest one of a market is in force. */
@Entity
@Immutable
@Table(name = "policy_activation")
public class PolicyActivationEntity extends PanacheEntityBase {

    public static final String ACTIVATION = "ACTIVATION";
    public static final String ROLLBACK = "ROLLBACK";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "activation_id")
    public Long activationId;
    public String market;
    public String version;
    @Column(name = "previous_version")
    public String previousVersion;
    public String kind;
    /** The activation in force before this one; a rollback of this one restores it. */
    public Long supersedes;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "activated_by")
    public String activatedBy;

    public static Optional<PolicyActivationEntity> current(String market) {
        return PolicyActivationEntity.<PolicyActivationEntity>find("market = ?1 order by activationId desc", market)
                .firstResultOptional();
    }

    /** The activation that decides for a market: its own, else the default ({@code *}) one. */
    public static Optional<PolicyActivationEntity> inForce(String market) {
        return current(market).or(() -> current(PolicyDocument.DEFAULT_MARKET));
    }
}
