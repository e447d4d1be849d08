package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;

import java.util.List;
import java.util.Map;

/**
 * When a candidate remedy (or an experiment, a statutory duty) applies. Every field left out holds for every case.
 * The first group ({@code segments, markets, channels, incidentClasses, flag}) says where the remedy is offered at all;
 * the second (order value, delay, probability, severity) says for which size of problem it is the right dose.
 * Stepping down to a cheaper candidate (economics, budget, cap) respects only the first group.
 */
public record Conditions(
        List<String> segments,
        List<String> markets,
        List<String> channels,
        List<IncidentClass> incidentClasses,
        String flag,
        Map<String, Long> minOrderValueMinor,
        Map<String, Long> maxOrderValueMinor,
        Long minDelayHours,
        Long maxDelayHours,
        Double minDelayProbability,
        Double maxDelayProbability,
        List<Severity> severities) {

    public static final Conditions ALWAYS = new Conditions(null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** Where the remedy is offered at all. */
    public boolean offered(CaseView view, FeatureFlags flags) {
        return in(segments, view.segment())
                && in(markets, view.market())
                && in(channels, view.channel())
                && (incidentClasses == null || incidentClasses.isEmpty() || incidentClasses.contains(view.incidentClass()))
                && (flag == null || flags.isOn(flag, view.market(), view.at()));
    }

    /** Whether the remedy is the right dose for the size of the problem. */
    public boolean fitsTheProblem(CaseView view) {
        Money value = view.orderValue();
        Long minValue = PerCurrency.orNull(minOrderValueMinor, value.currency());
        Long maxValue = PerCurrency.orNull(maxOrderValueMinor, value.currency());
        long delay = view.delayHours() == null ? 0 : view.delayHours();
        return (minValue == null || value.amountMinor() >= minValue)
                && (maxValue == null || value.amountMinor() <= maxValue)
                && (minDelayHours == null || delay >= minDelayHours)
                && (maxDelayHours == null || delay <= maxDelayHours)
                && (minDelayProbability == null || (view.delayProbability() != null && view.delayProbability() >= minDelayProbability))
                && (maxDelayProbability == null || view.delayProbability() == null || view.delayProbability() <= maxDelayProbability)
                && (severities == null || severities.isEmpty() || severities.contains(view.severity()));
    }

    public boolean holds(CaseView view, FeatureFlags flags) {
        return offered(view, flags) && fitsTheProblem(view);
    }

    private static boolean in(List<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || allowed.contains("*") || allowed.contains(value);
    }
}
