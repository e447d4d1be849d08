package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentDetectorTest {

    static final DetectionThresholds LANE = new DetectionThresholds(Duration.ofHours(2), Duration.ofHours(48),
            Duration.ofHours(48), Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7), Duration.ofHours(72), 0.7);
    private static final Instant PROMISED = Instant.parse("2026-11-20T18:00:00Z");

    @Test
    void announcedDelayPastThePromiseIsAMediumDelayWithItsHoursRoundedUp() {
        Optional<Detection> found = IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELAY_ANNOUNCED,
                PROMISED.minus(Duration.ofDays(1)), PROMISED.plus(Duration.ofMinutes(20 * 60 + 1)));
        assertThat(found).get().satisfies(d -> {
            assertThat(d.incidentClass()).isEqualTo(IncidentClass.DELAY);
            assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(d.source()).isEqualTo(IncidentSource.CARRIER);
            assertThat(d.delayHours()).isEqualTo(21L);
            assertThat(d.expectedDeliveryAt()).isEqualTo(PROMISED.plus(Duration.ofMinutes(20 * 60 + 1)));
        });
    }

    @Test
    void lateDeliveryFromTheHighSeverityThresholdOnIsHigh() {
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELIVERED, PROMISED.plus(Duration.ofHours(48)), null))
                .get().satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.HIGH);
                    assertThat(d.delayHours()).isEqualTo(48L);
                });
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELIVERED,
                PROMISED.plus(Duration.ofHours(47)), null)).get().extracting(Detection::severity).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void lateButWithinTheGracePeriodIsNoIncident() {
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELIVERED, PROMISED.plus(Duration.ofHours(2)), null))
                .isEmpty();
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELAY_ANNOUNCED, PROMISED.minusSeconds(60),
                PROMISED.plus(Duration.ofMinutes(119)))).isEmpty();
    }

    @Test
    void announcedDelayWithoutARevisedEtaSaysNothingMeasurable() {
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, TrackingStatus.DELAY_ANNOUNCED, PROMISED, null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "FAILED_ATTEMPT, FAILED_ATTEMPT, LOW",
            "DAMAGED, DAMAGED, HIGH",
            "LOST, LOST, CRITICAL",
            "CUSTOMS_HOLD, CUSTOMS_HOLD, MEDIUM",
            "ADDRESS_PROBLEM, ADDRESS_PROBLEM, MEDIUM",
            "RETURNED_TO_SENDER, RETURNED_TO_SENDER, HIGH"})
    void explicitCarrierExceptionsAreIncidentsOfTheirOwnClass(TrackingStatus status, IncidentClass expected, Severity severity) {
        assertThat(IncidentDetector.onScan(LANE, "UPS", PROMISED, status, PROMISED.minus(Duration.ofDays(2)), null))
                .get().satisfies(d -> {
                    assertThat(d.incidentClass()).isEqualTo(expected);
                    assertThat(d.severity()).isEqualTo(severity);
                    assertThat(d.source()).isEqualTo(IncidentSource.CARRIER);
                    assertThat(d.reason()).isNotBlank();
                });
    }

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class, names = {"INFO_RECEIVED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY",
            "AVAILABLE_FOR_PICKUP", "UNKNOWN"})
    void ordinaryProgressIsNoIncident(TrackingStatus status) {
        assertThat(IncidentDetector.onScan(LANE, "DHL", PROMISED, status, PROMISED.plus(Duration.ofDays(3)), null)).isEmpty();
    }

    @Test
    void anEstimateBelowThePredictionThresholdIsNoIncident() {
        assertThat(IncidentDetector.onEstimate(LANE, 0.69, 10, PROMISED.plus(Duration.ofHours(10)))).isEmpty();
        assertThat(IncidentDetector.onEstimate(LANE, 0.7, 10, PROMISED.plus(Duration.ofHours(10)))).get().satisfies(d -> {
            assertThat(d.incidentClass()).isEqualTo(IncidentClass.PREDICTED_DELAY);
            assertThat(d.source()).isEqualTo(IncidentSource.PREDICTION);
            assertThat(d.delayProbability()).isEqualTo(0.7);
            assertThat(d.delayHours()).isEqualTo(10L);
        });
    }

    @Test
    void anEstimateThatExpectsNoDelayIsNoIncidentHoweverSure() {
        assertThat(IncidentDetector.onEstimate(LANE, 0.99, 0, PROMISED)).isEmpty();
    }

    @Test
    void timerDetectionsNameTheirThresholdAndComeFromTheTimer() {
        Instant lastScan = Instant.parse("2026-11-15T08:00:00Z");
        assertThat(IncidentDetector.stalled(LANE, lastScan)).satisfies(d -> {
            assertThat(d.incidentClass()).isEqualTo(IncidentClass.STALLED);
            assertThat(d.source()).isEqualTo(IncidentSource.TIMER);
            assertThat(d.reason()).contains("72 h").contains(lastScan.toString());
        });
        assertThat(IncidentDetector.presumedLost(LANE, lastScan).incidentClass()).isEqualTo(IncidentClass.LOST);
        assertThat(IncidentDetector.presumedLost(LANE, lastScan).reason()).contains("7 days");
        assertThat(IncidentDetector.forgotten(LANE).incidentClass()).isEqualTo(IncidentClass.STALLED);
        assertThat(IncidentDetector.delayedDispatch(LANE).incidentClass()).isEqualTo(IncidentClass.DELAYED_DISPATCH);
        assertThat(IncidentDetector.invalidTrackingId(LANE, "DHL", "JD1").reason()).contains("JD1").contains("72 h");
    }
}
