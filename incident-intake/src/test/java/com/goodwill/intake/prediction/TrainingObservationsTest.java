package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.prediction.TrainingObservations.Observation;
import com.goodwill.intake.prediction.TrainingObservations.Scan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingObservationsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void oneObservationPerStatusReachedMeasuredFromItsFirstOccurrence() {
        Instant delivered = at(50);
        List<Scan> scans = List.of(
                // Out of order, as carrier feeds deliver them.
                new Scan(TrackingStatus.IN_TRANSIT, at(20)),
                new Scan(TrackingStatus.INFO_RECEIVED, at(0)),
                new Scan(TrackingStatus.PICKED_UP, at(8)),
                new Scan(TrackingStatus.IN_TRANSIT, at(12)),
                new Scan(TrackingStatus.OUT_FOR_DELIVERY, at(22.5)),
                new Scan(TrackingStatus.FAILED_ATTEMPT, at(26)),
                new Scan(TrackingStatus.OUT_FOR_DELIVERY, at(46)),
                new Scan(TrackingStatus.UNKNOWN, at(30)),
                new Scan(TrackingStatus.DELIVERED, delivered));

        assertThat(TrainingObservations.from(scans, delivered)).containsExactly(
                new Observation(TrackingStatus.INFO_RECEIVED, 50),
                new Observation(TrackingStatus.PICKED_UP, 42),
                new Observation(TrackingStatus.IN_TRANSIT, 38),
                new Observation(TrackingStatus.OUT_FOR_DELIVERY, 27.5),
                new Observation(TrackingStatus.FAILED_ATTEMPT, 24));
    }

    @Test
    void aStatusFirstSeenAfterDeliveryTeachesNothing() {
        Instant delivered = at(30);
        List<Scan> scans = List.of(
                new Scan(TrackingStatus.IN_TRANSIT, at(10)),
                new Scan(TrackingStatus.DELAY_ANNOUNCED, at(31)),
                new Scan(TrackingStatus.DELIVERED, delivered));

        assertThat(TrainingObservations.from(scans, delivered))
                .containsExactly(new Observation(TrackingStatus.IN_TRANSIT, 20));
    }

    @Test
    void aStatusReachedAtTheMomentOfDeliveryHasZeroRemainingTime() {
        Instant delivered = at(5);

        assertThat(TrainingObservations.from(List.of(new Scan(TrackingStatus.OUT_FOR_DELIVERY, delivered)), delivered))
                .containsExactly(new Observation(TrackingStatus.OUT_FOR_DELIVERY, 0));
    }

    @Test
    void noScansNoObservations() {
        assertThat(TrainingObservations.from(List.of(), at(1))).isEmpty();
    }

    private static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3_600_000));
    }
}
