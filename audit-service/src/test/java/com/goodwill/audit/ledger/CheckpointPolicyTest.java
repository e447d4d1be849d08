package com.goodwill.audit.ledger;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointPolicyTest {

    private static final Instant LAST = Instant.parse("2026-11-20T10:00:00Z");
    private final CheckpointPolicy policy = new CheckpointPolicy(1000, Duration.ofSeconds(60));

    @Test
    void dueOnceEnoughEntriesWereAppended() {
        assertThat(policy.due(5000, LAST, 5999, LAST.plusSeconds(1))).isFalse();
        assertThat(policy.due(5000, LAST, 6000, LAST.plusSeconds(1))).isTrue();
        assertThat(policy.due(0, LAST, 1000, LAST)).isTrue();
    }

    @Test
    void dueOnceTheIntervalPassedWithAtLeastOneNewEntry() {
        assertThat(policy.due(5000, LAST, 5001, LAST.plusSeconds(59))).isFalse();
        assertThat(policy.due(5000, LAST, 5001, LAST.plusSeconds(60))).isTrue();
    }

    @Test
    void neverDueWithoutANewEntry() {
        assertThat(policy.due(5000, LAST, 5000, LAST.plus(Duration.ofDays(1)))).isFalse();
        assertThat(policy.due(0, LAST, 0, LAST.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void nonsenseConfigurationIsRefused() {
        assertThatThrownBy(() -> new CheckpointPolicy(0, Duration.ofSeconds(60))).hasMessageContaining("every-entries");
        assertThatThrownBy(() -> new CheckpointPolicy(10, Duration.ZERO)).hasMessageContaining("every");
    }
}
