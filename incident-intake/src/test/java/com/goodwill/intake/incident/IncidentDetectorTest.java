package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentDetectorTest {

    private static final Instant PROMISED = Instant.parse("2026-11-20T18:00:00Z");
    private final IncidentDetector detector = new IncidentDetector(
            new DetectionThresholds(Duration.ofHours(2), Duration.ofHours(48)));

    @Test
    void announcedDelayPastThePromiseIsADelayWithItsHours() {
        var detection = detector.detect(PROMISED, TrackingStatus.DELAY_ANNOUNCED, PROMISED.minus(Duration.ofDays(1)),
                PROMISED.plus(Duration.ofHours(30)));
        assertThat(detection).contains(new Detection(IncidentClass.DELAY, Severity.MEDIUM, 30,
                PROMISED.plus(Duration.ofHours(30))));
    }

    @Test
    void announcedDelayWithinTheGracePeriodIsNoIncident() {
        assertThat(detector.detect(PROMISED, TrackingStatus.DELAY_ANNOUNCED, PROMISED.minus(Duration.ofDays(1)),
                PROMISED.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void announcedDelayStillBeforeThePromiseIsNoIncident() {
        assertThat(detector.detect(PROMISED, TrackingStatus.DELAY_ANNOUNCED, PROMISED.minus(Duration.ofDays(2)),
                PROMISED.minus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void deliveryLongAfterThePromiseIsAHighSeverityDelayRoundedUpToWholeHours() {
        var detection = detector.detect(PROMISED, TrackingStatus.DELIVERED,
                PROMISED.plus(Duration.ofHours(50)).plus(Duration.ofMinutes(10)), null);
        assertThat(detection).hasValueSatisfying(d -> {
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.delayHours()).isEqualTo(51);
        });
    }

    @Test
    void deliveryOnTimeAndOrdinaryScansAreNoIncident() {
        assertThat(detector.detect(PROMISED, TrackingStatus.DELIVERED, PROMISED.minus(Duration.ofHours(1)), null)).isEmpty();
        assertThat(detector.detect(PROMISED, TrackingStatus.IN_TRANSIT, PROMISED.plus(Duration.ofDays(3)), null)).isEmpty();
    }
}
