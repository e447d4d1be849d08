package com.goodwill.contracts.decision;

/**
 * One contribution to an abuse-risk score.
 *
 * @param code   machine-readable, e.g. CLAIMS_LAST_30_DAYS, SHARED_ADDRESS
 * @param points what it added to the score (0-100 in total)
 * @param detail the figure behind it in plain words, e.g. "4 claims in the last 30 days"
 */
public record RiskFactor(String code, int points, String detail) {
}
