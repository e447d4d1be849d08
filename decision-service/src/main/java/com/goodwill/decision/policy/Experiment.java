package com.goodwill.decision.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * An experiment on remedies. A customer is assigned by a hash of customer id and experiment id, so the same customer
 * lands in the same arm on every instance, after every restart and in every decision; {@code holdoutPercent} of the
 * customers are held out of it entirely (arm {@value #HOLDOUT}) and get the playbook as it is.
 *
 * @param eligibility the cases that take part (incident classes, markets, segments, a flag)
 * @param arms        shares in percent, summing to 100
 */
public record Experiment(String id, Conditions eligibility, int holdoutPercent, List<Arm> arms) {

    public static final String HOLDOUT = "holdout";
    private static final int BUCKETS = 10_000;

    public Experiment {
        eligibility = eligibility == null ? Conditions.ALWAYS : eligibility;
        arms = List.copyOf(arms);
    }

    /**
     * One arm.
     *
     * @param candidates   replaces the playbook's candidates for the arm; null: the playbook's (a control arm)
     * @param memoryAnchor false: the segment's memory anchor is left out in this arm
     */
    public record Arm(String name, int share, List<Candidate> candidates, Boolean memoryAnchor) {
    }

    /** The customer's arm; {@link #HOLDOUT} for the held-out group (returned as an arm without changes). */
    public Arm assign(String customerId) {
        int bucket = bucket(id, customerId);
        int holdout = holdoutPercent * (BUCKETS / 100);
        if (bucket < holdout) {
            return new Arm(HOLDOUT, holdoutPercent, null, null);
        }
        // Spread the remaining buckets over the arms by their shares.
        long position = (long) (bucket - holdout) * 100;
        long span = BUCKETS - holdout;
        int cumulative = 0;
        for (Arm arm : arms) {
            cumulative += arm.share();
            if (position < (long) cumulative * span) {
                return arm;
            }
        }
        return arms.get(arms.size() - 1);
    }

    /** 0 to 9,999 from SHA-256 of experiment id and customer id: uniform, and the same everywhere, always. */
    static int bucket(String experimentId, String customerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((experimentId + "\u0000" + customerId).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xFF);
            }
            return (int) Long.remainderUnsigned(value, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
