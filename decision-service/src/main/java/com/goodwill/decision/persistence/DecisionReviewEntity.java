package com.goodwill.decision.persistence;

import com.goodwill.contracts.decision.ReviewAction;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.List;

/** One action on a pending decision: approved, adjusted, rejected, escalated, fallback applied, superseded. */
@Entity
@Immutable
@Table(name = "decision_review")
public class DecisionReviewEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "review_id")
    public Long reviewId;
    @Column(name = "decision_id")
    public String decisionId;
    @Enumerated(EnumType.STRING)
    public ReviewAction action;
    public String actor;
    public String role;
    public String note;
    @Column(name = "remedies_json")
    public String remediesJson;
    @Column(name = "escalated_to")
    public String escalatedTo;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    public static List<DecisionReviewEntity> of(String decisionId) {
        return list("decisionId = ?1 order by reviewId", decisionId);
    }
}
