package com.goodwill.decision.policy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Experiment assignment: shares within tolerance over 10,000 customers, and the same arm every time. */
class ExperimentSplitTest {

    private static final int CUSTOMERS = 10_000;
    private static final Experiment EXPERIMENT = new Experiment("delay-remedy", null, 10, List.of(
            new Experiment.Arm("control", 34, null, false),
            new Experiment.Arm("micro-credit", 33, null, null),
            new Experiment.Arm("replacement", 33, null, null)));

    @Test
    void armsGetTheirSharesAndTheHoldoutItsPercentWithinTolerance() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            counts.merge(EXPERIMENT.assign("customer-" + i).name(), 1, Integer::sum);
        }
        // 10 % held out; the other 90 % split 34/33/33. Tolerance: 1.5 points, about 5 standard deviations here.
        assertThat(share(counts, Experiment.HOLDOUT)).isCloseTo(0.10, within(0.015));
        assertThat(share(counts, "control")).isCloseTo(0.90 * 0.34, within(0.015));
        assertThat(share(counts, "micro-credit")).isCloseTo(0.90 * 0.33, within(0.015));
        assertThat(share(counts, "replacement")).isCloseTo(0.90 * 0.33, within(0.015));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS);
    }

    @Test
    void assignmentIsTheSameEveryTimeAndDoesNotDependOnOrderOrInstance() {
        Experiment sameDefinitionElsewhere = new Experiment("delay-remedy", null, 10, List.copyOf(EXPERIMENT.arms()));
        for (int i = CUSTOMERS - 1; i >= 0; i--) {
            String customer = "customer-" + i;
            assertThat(sameDefinitionElsewhere.assign(customer).name()).isEqualTo(EXPERIMENT.assign(customer).name());
        }
        // A fixed point, computed outside Java (SHA-256 of "delay-remedy\0customer-1", first 8 bytes mod 10,000), so a
        // change of the hash, which would reshuffle every running experiment, cannot go unnoticed.
        assertThat(Experiment.bucket("delay-remedy", "customer-1")).isEqualTo(5070);
    }

    @Test
    void anotherExperimentSplitsTheSameCustomersIndependently() {
        Experiment other = new Experiment("other", null, 10, EXPERIMENT.arms());
        int same = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            if (other.assign("customer-" + i).name().equals(EXPERIMENT.assign("customer-" + i).name())) {
                same++;
            }
        }
        // Independent splits agree by chance: 0.1^2 + 0.306^2 + 2 x 0.297^2 = 0.28 of the time.
        assertThat(same / (double) CUSTOMERS).isCloseTo(0.28, within(0.02));
    }

    private static double share(Map<String, Integer> counts, String arm) {
        return counts.getOrDefault(arm, 0) / (double) CUSTOMERS;
    }
}
