package com.goodwill.intake.incident;

import com.goodwill.intake.config.IntakeConfig.ThresholdOverrides;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdBookTest {

    private static ThresholdOverrides override(Duration stalledAfter, Duration presumedLostAfter, Double prediction) {
        return new ThresholdOverrides() {
            public Optional<Duration> delayGracePeriod() { return Optional.empty(); }
            public Optional<Duration> highSeverityDelay() { return Optional.empty(); }
            public Optional<Duration> dispatchWithin() { return Optional.empty(); }
            public Optional<Duration> firstScanWithin() { return Optional.empty(); }
            public Optional<Duration> stalledAfter() { return Optional.ofNullable(stalledAfter); }
            public Optional<Duration> presumedLostAfter() { return Optional.ofNullable(presumedLostAfter); }
            public Optional<Duration> invalidTrackingAfter() { return Optional.empty(); }
            public Optional<Double> predictionThreshold() { return Optional.ofNullable(prediction); }
        };
    }

    private final ThresholdBook book = new ThresholdBook(IncidentDetectorTest.LANE, Map.of(
            "*/GB", override(Duration.ofHours(96), Duration.ofDays(10), null),
            "dhl", override(Duration.ofHours(48), null, 0.8),
            "DHL/GB", override(null, null, 0.9)));

    @Test
    void aLaneWithoutOverridesGetsTheDefaults() {
        assertThat(book.forLane("UPS", "DE")).isEqualTo(IncidentDetectorTest.LANE);
        assertThat(book.forLane(null, null)).isEqualTo(IncidentDetectorTest.LANE);
    }

    @Test
    void theCountryOverridesTheDefaultsAndTheCarrierOverridesTheCountry() {
        assertThat(book.forLane("UPS", "GB").stalledAfter()).isEqualTo(Duration.ofHours(96));
        assertThat(book.forLane("DHL", "GB").stalledAfter()).isEqualTo(Duration.ofHours(48));
        assertThat(book.forLane("DHL", "DE").stalledAfter()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void eachThresholdFallsBackOnItsOwn() {
        DetectionThresholds dhlGb = book.forLane("dhl", "gb");
        assertThat(dhlGb.predictionThreshold()).isEqualTo(0.9);
        assertThat(dhlGb.presumedLostAfter()).isEqualTo(Duration.ofDays(10));
        assertThat(dhlGb.dispatchWithin()).isEqualTo(IncidentDetectorTest.LANE.dispatchWithin());
        assertThat(book.forLane("DHL", "FR").predictionThreshold()).isEqualTo(0.8);
    }

    @Test
    void contradictoryOverridesFailAtStart() {
        assertThatThrownBy(() -> new ThresholdBook(IncidentDetectorTest.LANE,
                Map.of("UPS/FR", override(Duration.ofDays(9), null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stalledAfter");
    }
}
