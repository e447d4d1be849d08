package com.goodwill.intake.incident;

import com.goodwill.contracts.carrier.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentProgressTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void firstScanAlwaysApplies() {
        assertThat(ShipmentProgress.advances(null, null, TrackingStatus.IN_TRANSIT, T)).isTrue();
    }

    @Test
    void newerScanMovesTheShipmentOn() {
        assertThat(ShipmentProgress.advances(TrackingStatus.PICKED_UP, T, TrackingStatus.IN_TRANSIT, T.plusSeconds(60))).isTrue();
    }

    @Test
    void olderScanArrivingLateDoesNotMoveTheShipmentBack() {
        assertThat(ShipmentProgress.advances(TrackingStatus.OUT_FOR_DELIVERY, T, TrackingStatus.IN_TRANSIT, T.minusSeconds(60))).isFalse();
    }

    @Test
    void lateInTransitAfterDeliveredDoesNotReopenTheShipment() {
        assertThat(ShipmentProgress.advances(TrackingStatus.DELIVERED, T, TrackingStatus.IN_TRANSIT, T.plusSeconds(3600))).isFalse();
    }

    @Test
    void aParcelDeclaredLostThatTurnsUpMovesOn() {
        Instant lostAt = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(ShipmentProgress.isFinal(TrackingStatus.LOST)).isFalse();
        assertThat(ShipmentProgress.advances(TrackingStatus.LOST, lostAt, TrackingStatus.DELIVERED, lostAt.plusSeconds(86_400))).isTrue();
    }
}
