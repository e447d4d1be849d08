package com.goodwill.decision.policy;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Named switches of a policy: playbooks, candidates, experiments and instruments name a flag and are on only while it
 * is. A flag is on when enabled, in one of its markets (none listed: every market), inside its campaign window
 * ({@code from} inclusive, {@code until} exclusive) and inside its yearly season ({@code MM-dd} to {@code MM-dd},
 * both inclusive, may span the new year), each where given.
 */
public record FeatureFlags(Map<String, Flag> flags) {

    public FeatureFlags {
        flags = flags == null ? Map.of() : Map.copyOf(flags);
    }

    public record Flag(boolean enabled, List<String> markets, Instant from, Instant until, Season season) {
    }

    public record Season(String from, String to) {

        boolean contains(Instant at) {
            MonthDay day = MonthDay.from(at.atZone(ZoneOffset.UTC));
            MonthDay start = MonthDay.parse("--" + from);
            MonthDay end = MonthDay.parse("--" + to);
            return start.isAfter(end)
                    ? !day.isBefore(start) || !day.isAfter(end)
                    : !day.isBefore(start) && !day.isAfter(end);
        }
    }

    /** An unknown flag is off (the schema check refuses documents naming one). */
    public boolean isOn(String name, String market, Instant at) {
        Flag flag = flags.get(name);
        return flag != null && flag.enabled()
                && (flag.markets() == null || flag.markets().isEmpty() || flag.markets().contains(market))
                && (flag.from() == null || !at.isBefore(flag.from()))
                && (flag.until() == null || at.isBefore(flag.until()))
                && (flag.season() == null || flag.season().contains(at));
    }
}
