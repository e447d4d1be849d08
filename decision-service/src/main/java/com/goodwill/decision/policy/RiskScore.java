package com.goodwill.decision.policy;

import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.decision.RiskFactor;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The abuse-risk score (0-100) from the customer's figures and signals, with the factors that made it up. */
public final class RiskScore {

    private RiskScore() {
    }

    /**
     * @param review      whether the decision must be reviewed because of it
     * @param reviewWhy   why, in words, for the narrative; empty when no review
     */
    public record Result(RiskAssessment assessment, boolean review, String reviewWhy) {
    }

    public static Result assess(RiskRules rules, CustomerFigures f, RiskSignals s, Instant at) {
        if (rules == null) {
            return new Result(new RiskAssessment(0, List.of()), false, "");
        }
        List<RiskFactor> factors = new ArrayList<>();
        add(factors, rules.claims30d(), BigDecimal.valueOf(f.claims30d()), "CLAIMS_LAST_30_DAYS",
                f.claims30d() + " goodwill claims in the last 30 days");
        add(factors, rules.claims90d(), BigDecimal.valueOf(f.claims90d()), "CLAIMS_LAST_90_DAYS",
                f.claims90d() + " goodwill claims in the last 90 days");
        if (f.spend90dMinor() > 0 || f.claimedValue90dMinor() > 0) {
            BigDecimal ratio = f.spend90dMinor() == 0 ? BigDecimal.valueOf(100)
                    : BigDecimal.valueOf(f.claimedValue90dMinor()).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(f.spend90dMinor()), 1, RoundingMode.HALF_UP);
            add(factors, rules.claimedValueToSpendPercent(), ratio, "CLAIMED_VALUE_VS_SPEND",
                    "goodwill of the last 90 days is " + ratio.stripTrailingZeros().toPlainString() + " % of the spend");
        }
        BigDecimal returnRate = BigDecimal.valueOf(f.returnRate() * 100).setScale(1, RoundingMode.HALF_UP);
        add(factors, rules.returnRatePercent(), returnRate, "RETURN_RATE",
                "returns " + returnRate.stripTrailingZeros().toPlainString() + " % of orders");
        if (f.accountSince() != null) {
            long days = Math.max(0, Duration.between(f.accountSince(), at).toDays());
            add(factors, rules.accountAgeDays(), BigDecimal.valueOf(days), "ACCOUNT_AGE", "account is " + days + " days old");
        }
        if (rules.paymentMethods() != null && s.paymentMethod() != null) {
            Integer points = rules.paymentMethods().get(s.paymentMethod());
            if (points != null && points > 0) {
                factors.add(new RiskFactor("PAYMENT_METHOD", points, "paid by " + s.paymentMethod()));
            }
        }
        add(factors, rules.sharedAddressAccounts(), BigDecimal.valueOf(s.accountsSharingAddress()), "SHARED_ADDRESS",
                "the delivery address is shared with " + s.accountsSharingAddress() + " other accounts");
        add(factors, rules.sharedPaymentInstrumentAccounts(), BigDecimal.valueOf(s.accountsSharingPaymentInstrument()),
                "SHARED_PAYMENT_INSTRUMENT",
                "the payment instrument is shared with " + s.accountsSharingPaymentInstrument() + " other accounts");
        List<String> velocity = new ArrayList<>();
        RiskRules.Velocity limits = rules.velocity();
        if (limits != null) {
            if (limits.maxClaimsPerCustomer24h() != null && s.claimsLast24h() > limits.maxClaimsPerCustomer24h()) {
                String detail = s.claimsLast24h() + " claims in 24 hours (limit " + limits.maxClaimsPerCustomer24h() + ")";
                factors.add(new RiskFactor("VELOCITY_CUSTOMER", limits.points(), detail));
                velocity.add(detail);
            }
            if (limits.maxClaimsPerAddress30d() != null && s.claimsOnAddress30d() > limits.maxClaimsPerAddress30d()) {
                String detail = s.claimsOnAddress30d() + " claims on the delivery address in 30 days (limit "
                        + limits.maxClaimsPerAddress30d() + ")";
                factors.add(new RiskFactor("VELOCITY_ADDRESS", limits.points(), detail));
                velocity.add(detail);
            }
        }
        int score = Math.min(100, factors.stream().mapToInt(RiskFactor::points).sum());
        boolean high = score >= rules.reviewAtScore();
        String why = "";
        if (high) {
            why = "the abuse-risk score is " + score + " (" + String.join(", ",
                    factors.stream().filter(x -> x.points() > 0).map(RiskFactor::detail).toList()) + ")";
        } else if (!velocity.isEmpty()) {
            why = "a velocity limit is exceeded (" + String.join(", ", velocity) + ")";
        }
        return new Result(new RiskAssessment(score, factors), high || !velocity.isEmpty(), why);
    }

    private static void add(List<RiskFactor> factors, RiskRules.Threshold threshold, BigDecimal value, String code,
                            String detail) {
        if (threshold != null && threshold.points() > 0 && threshold.hit(value)) {
            factors.add(new RiskFactor(code, threshold.points(), detail));
        }
    }
}
