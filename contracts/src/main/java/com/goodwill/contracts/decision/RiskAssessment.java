package com.goodwill.contracts.decision;

import java.util.List;

/**
 * The abuse-risk score a decision was made with (0 = no sign of abuse, 100 = every sign) and what made it up.
 * A high score routes a decision to review with this explanation; it never denies on its own.
 */
public record RiskAssessment(int score, List<RiskFactor> factors) {

    public RiskAssessment {
        factors = factors == null ? List.of() : List.copyOf(factors);
    }
}
