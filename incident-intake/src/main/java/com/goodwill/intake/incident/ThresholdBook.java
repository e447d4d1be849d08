package com.goodwill.intake.incident;

import com.goodwill.intake.config.IntakeConfig.ThresholdOverrides;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The thresholds that apply to one lane: the defaults, overridden by the destination country's
 * ({@code &#42;/FR}), then the carrier's ({@code DHL}), then the carrier's for that country ({@code DHL/FR});
 * each threshold falls back on its own, so an override names only what differs.
 */
public final class ThresholdBook {

    private final DetectionThresholds defaults;
    private final Map<String, ThresholdOverrides> overrides = new HashMap<>();
    private final Map<String, DetectionThresholds> resolved = new ConcurrentHashMap<>();

    public ThresholdBook(DetectionThresholds defaults, Map<String, ThresholdOverrides> overrides) {
        this.defaults = defaults;
        overrides.forEach((key, value) -> this.overrides.put(normalise(key), value));
        // Resolve every configured lane once now, so a contradictory override fails at start, not at 3 a.m.
        this.overrides.keySet().forEach(key -> {
            String[] parts = key.split("/", -1);
            forLane(parts[0], parts.length > 1 ? parts[1] : null);
        });
    }

    public DetectionThresholds defaults() {
        return defaults;
    }

    /** @param carrier null when not known yet (an order that has not shipped); country likewise */
    public DetectionThresholds forLane(String carrier, String country) {
        String c = carrier == null ? "*" : carrier.toUpperCase(Locale.ROOT);
        String d = country == null ? "*" : country.toUpperCase(Locale.ROOT);
        return resolved.computeIfAbsent(c + "/" + d, k -> resolve(c, d));
    }

    private DetectionThresholds resolve(String carrier, String country) {
        // Least specific first; later levels win.
        Optional<ThresholdOverrides>[] levels = levels(carrier, country);
        return new DetectionThresholds(
                pick(levels, ThresholdOverrides::delayGracePeriod).orElse(defaults.delayGracePeriod()),
                pick(levels, ThresholdOverrides::highSeverityDelay).orElse(defaults.highSeverityDelay()),
                pick(levels, ThresholdOverrides::dispatchWithin).orElse(defaults.dispatchWithin()),
                pick(levels, ThresholdOverrides::firstScanWithin).orElse(defaults.firstScanWithin()),
                pick(levels, ThresholdOverrides::stalledAfter).orElse(defaults.stalledAfter()),
                pick(levels, ThresholdOverrides::presumedLostAfter).orElse(defaults.presumedLostAfter()),
                pick(levels, ThresholdOverrides::invalidTrackingAfter).orElse(defaults.invalidTrackingAfter()),
                pick(levels, ThresholdOverrides::predictionThreshold).orElse(defaults.predictionThreshold()));
    }

    @SuppressWarnings("unchecked")
    private Optional<ThresholdOverrides>[] levels(String carrier, String country) {
        return new Optional[]{
                Optional.ofNullable(overrides.get("*/" + country)),
                Optional.ofNullable(overrides.get(carrier)),
                Optional.ofNullable(overrides.get(carrier + "/*")),
                Optional.ofNullable(overrides.get(carrier + "/" + country))};
    }

    private static <T> Optional<T> pick(Optional<ThresholdOverrides>[] levels, Function<ThresholdOverrides, Optional<T>> field) {
        Optional<T> value = Optional.empty();
        for (Optional<ThresholdOverrides> level : levels) {
            Optional<T> candidate = level.flatMap(field);
            if (candidate.isPresent()) {
                value = candidate;
            }
        }
        return value;
    }

    private static String normalise(String key) {
        return key.trim().toUpperCase(Locale.ROOT);
    }
}
