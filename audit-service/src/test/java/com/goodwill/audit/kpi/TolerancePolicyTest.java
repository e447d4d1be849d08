package com.goodwill.audit.kpi;

import com.goodwill.audit.kpi.KpiRepository.Exposure;
import com.goodwill.contracts.alert.ToleranceAlert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TolerancePolicyTest {

    private static final TolerancePolicy POLICY = new TolerancePolicy(Duration.ofDays(7), Duration.ofHours(1), 0.05,
            Map.of("DHL", 0.10), Map.of("GB", 0.02), 20);
    private static final Instant NOW = Instant.parse("2026-11-20T10:42:17Z");

    @Test
    void windowEndsAtTheCheckRoundedDownToAStep() {
        TolerancePolicy.Window window = POLICY.windowAt(NOW);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-13T10:00:00Z"));
        assertThat(POLICY.windowAt(NOW.plus(Duration.ofMinutes(17)))).isEqualTo(window);
        assertThat(POLICY.windowAt(NOW.plus(Duration.ofMinutes(18))).end()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    }

    @Test
    void alertsOnlyAboveTheValuesOwnLimitAndWithEnoughOrders() {
        TolerancePolicy.Window window = POLICY.windowAt(NOW);
        List<ToleranceAlert> alerts = POLICY.alerts(List.of(
                new Exposure("carrier", "DHL", 2, 20),    // 0.10: at its own limit, not above
                new Exposure("carrier", "UPS", 2, 20),    // 0.10 over the default 0.05
                new Exposure("carrier", "GLS", 5, 19),    // too few orders to tell
                new Exposure("market", "GB", 1, 40),      // 0.025 over GB's 0.02
                new Exposure("market", "DE", 1, 40),      // 0.025, under the default
                new Exposure("market", "FR", 3, 0)), window, NOW);

        assertThat(alerts).extracting(ToleranceAlert::dimension, ToleranceAlert::value, ToleranceAlert::incidentRate,
                ToleranceAlert::limit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("carrier", "UPS", 0.1, 0.05),
                org.assertj.core.groups.Tuple.tuple("market", "GB", 0.025, 0.02));
        ToleranceAlert ups = alerts.get(0);
        assertThat(ups.incidents()).isEqualTo(2);
        assertThat(ups.orders()).isEqualTo(20);
        assertThat(ups.windowStart()).isEqualTo(window.start());
        assertThat(ups.windowEnd()).isEqualTo(window.end());
        assertThat(ups.raisedAt()).isEqualTo(NOW);
    }

    @Test
    void alertIdIsTheSameForTheSameValueAndWindowOnly() {
        TolerancePolicy.Window window = POLICY.windowAt(NOW);
        String id = TolerancePolicy.alertId("carrier", "UPS", window);
        assertThat(TolerancePolicy.alertId("carrier", "UPS", POLICY.windowAt(NOW.plusSeconds(60)))).isEqualTo(id);
        assertThat(TolerancePolicy.alertId("carrier", "UPS", POLICY.windowAt(NOW.plus(Duration.ofHours(1))))).isNotEqualTo(id);
        assertThat(TolerancePolicy.alertId("market", "UPS", window)).isNotEqualTo(id);
    }
}
