package com.goodwill.audit.kpi;

import com.goodwill.audit.kpi.KpiRepository.Exposure;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.kit.ids.DerivedId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The CRM cockpit's tolerance limits: which carriers and markets are over their limit in a window, and which window a
 * check at a given time looks at.
 */
public final class TolerancePolicy {

    /** {@code [start, end)}. */
    public record Window(Instant start, Instant end) {
    }

    private final Duration window;
    private final Duration step;
    private final double defaultLimit;
    private final Map<String, Double> carrierLimits;
    private final Map<String, Double> marketLimits;
    private final long minOrders;

    public TolerancePolicy(Duration window, Duration step, double defaultLimit, Map<String, Double> carrierLimits,
                           Map<String, Double> marketLimits, long minOrders) {
        if (window.isNegative() || window.isZero() || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("The tolerance window and its step must be positive");
        }
        this.window = window;
        this.step = step;
        this.defaultLimit = defaultLimit;
        this.carrierLimits = Map.copyOf(carrierLimits);
        this.marketLimits = Map.copyOf(marketLimits);
        this.minOrders = minOrders;
    }

    /** The window a check at {@code now} looks at: it ends at {@code now} rounded down to a whole step since the epoch. */
    public Window windowAt(Instant now) {
        long stepMillis = step.toMillis();
        Instant end = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), stepMillis) * stepMillis);
        return new Window(end.minus(window), end);
    }

    public double limitFor(String dimension, String value) {
        Map<String, Double> overrides = ToleranceAlert.CARRIER.equals(dimension) ? carrierLimits : marketLimits;
        return overrides.getOrDefault(value, defaultLimit);
    }

    /** The alerts the exposures call for: enough orders to tell, and a rate above the limit. */
    public List<ToleranceAlert> alerts(List<Exposure> exposures, Window window, Instant raisedAt) {
        return exposures.stream()
                .filter(e -> e.orders() > 0 && e.orders() >= minOrders)
                .filter(e -> rate(e) > limitFor(e.dimension(), e.value()))
                .map(e -> new ToleranceAlert(alertId(e.dimension(), e.value(), window), e.dimension(), e.value(), rate(e),
                        limitFor(e.dimension(), e.value()), e.incidents(), e.orders(), window.start(), window.end(), raisedAt))
                .toList();
    }

    /** One id per dimension value and window, so a retried or repeated check cannot raise the same alert twice. */
    public static String alertId(String dimension, String value, Window window) {
        return DerivedId.of("tolerance-alert", dimension, value, window.start().toString(), window.end().toString());
    }

    private static double rate(Exposure exposure) {
        return (double) exposure.incidents() / exposure.orders();
    }
}
