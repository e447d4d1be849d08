package com.goodwill.audit.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The KPIs of the cases (incidents) opened in {@code [from, to)}. Shares and rates are null when their denominator is
 * zero. Money is integer minor units, one entry per currency, never summed across currencies; averages are rounded
 * half up to a whole minor unit.
 */
public record KpiReport(Instant from, Instant to, Resolution resolution, List<CurrencyCost> cost, Breakdown breakdown,
                        Rate reopen, Rate repurchase) {

    /**
     * How cases were resolved: time from opened to the first succeeded compensation, of resolved cases (percentiles by
     * nearest rank, in seconds), and shares of all cases.
     */
    public record Resolution(long cases, long resolved, long automated, Double automatedShare, long resolvedWithin1h,
                             Double resolvedWithin1hShare, long resolvedWithin24h, Double resolvedWithin24hShare,
                             Long p50Seconds, Long p90Seconds, Long p99Seconds, List<Bucket> histogram) {
    }

    /** Resolved cases that took at most {@code le} (ISO-8601 duration; {@code +Inf} for the rest), and more than the bucket before. */
    public record Bucket(String le, long count) {
    }

    /**
     * Goodwill paid in one currency: for the cases in that currency (their order's, or one they were paid in), per case,
     * and per 1,000 orders placed in the period in that currency.
     */
    public record CurrencyCost(String currency, long cases, long compensatedCases, long totalMinor, Long perCaseMinor,
                               long orders, Long perThousandOrdersMinor) {
    }

    /** The cases of one carrier, reason code, market or channel (null: the case does not say). */
    public record Segment(String value, long cases, long resolved, long automated, List<CurrencyCost> cost) {
    }

    /** Per carrier, per reason code of the latest decision, per market, per channel. */
    public record Breakdown(List<Segment> carrier, List<Segment> reasonCode, List<Segment> market, List<Segment> channel) {
    }

    /** Of the compensated (resolved) cases, how many did what the rate is about. */
    public record Rate(long compensatedCases, long count, Double rate) {
    }
}
