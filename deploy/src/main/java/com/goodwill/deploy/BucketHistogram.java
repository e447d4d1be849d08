package com.goodwill.deploy;

import com.goodwill.testsupport.PrometheusText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus histogram (cumulative bucket counts by upper bound, in seconds) read from a service's metrics page, and
 * the arithmetic a benchmark needs on it: the difference of two scrapes (the records observed in between), quantiles
 * interpolated within a bucket as Prometheus' {@code histogram_quantile} does, and the exact share of records at or
 * under a bucket bound. Its resolution is the buckets': a quantile is exact only to the width of its bucket.
 *
 * @param cumulative count of observations at or under each bound, ascending, the last bound {@code +Inf}
 */
public record BucketHistogram(TreeMap<Double, Long> cumulative) {

    public BucketHistogram {
        cumulative = new TreeMap<>(cumulative);
        long previous = 0;
        for (long count : cumulative.values()) {
            if (count < previous) {
                throw new IllegalArgumentException("bucket counts must not fall with the bound: " + cumulative);
            }
            previous = count;
        }
    }

    /**
     * The buckets of one histogram on a service's metrics page, from its samples
     * {@code goodwill_decision_duration_seconds_bucket{le="0.02",} 1234.0}; series of the same name with other labels
     * are added up per bound. Empty when the page has no such histogram.
     */
    public static BucketHistogram of(PrometheusText page, String name) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (PrometheusText.Sample bucket : page.find(name + "_bucket", Map.of())) {
            String bound = bucket.labels().get("le");
            if (bound != null) {
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                counts.merge(upper, (long) bucket.value(), Long::sum);
            }
        }
        return new BucketHistogram(counts);
    }

    /** The observations made after {@code earlier} was taken (both from one process, which has not restarted). */
    public BucketHistogram since(BucketHistogram earlier) {
        TreeMap<Double, Long> difference = new TreeMap<>();
        cumulative.forEach((bound, count) -> {
            long before = earlier.cumulative.getOrDefault(bound, 0L);
            if (before > count) {
                throw new IllegalArgumentException("the earlier histogram has more at " + bound
                        + " (did the process restart?)");
            }
            difference.put(bound, count - before);
        });
        return new BucketHistogram(difference);
    }

    public long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /**
     * The q-quantile in seconds as {@code histogram_quantile} computes it: the bucket holding rank q x count, and
     * within it linear interpolation between its lower bound (the previous bound, 0 for the first) and its upper bound.
     * A rank in the {@code +Inf} bucket gives the highest finite bound. NaN without observations.
     */
    public double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("q must be within 0 and 1: " + q);
        }
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        long below = 0;
        double highestFinite = 0;
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            double upper = bucket.getKey();
            long count = bucket.getValue();
            if (count >= rank && count > below) {
                if (Double.isInfinite(upper)) {
                    return highestFinite;
                }
                return lower + (upper - lower) * (rank - below) / (count - below);
            }
            if (!Double.isInfinite(upper)) {
                highestFinite = upper;
            }
            lower = upper;
            below = count;
        }
        return highestFinite;
    }

    /**
     * The bucket bound (seconds) that holds the q-quantile: the quantile is at most this, and above the bound before.
     * The honest figure where interpolation would pretend a resolution the buckets do not have.
     */
    public double quantileBound(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank && bucket.getValue() > 0) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The exact share (0 to 1) of observations at or under {@code bound} seconds, which must be one of the buckets'
     * bounds (a service-level-objective bucket): between bounds the buckets cannot tell. NaN without observations.
     */
    public double shareAtMost(double bound) {
        Double key = null;
        for (Double upper : cumulative.keySet()) {
            if (Math.abs(upper - bound) <= 1e-9 * Math.max(1, Math.abs(bound))) {
                key = upper;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("no bucket ends at " + bound + " s; bounds: " + bounds());
        }
        long total = count();
        return total == 0 ? Double.NaN : (double) cumulative.get(key) / total;
    }

    private List<Double> bounds() {
        return new ArrayList<>(cumulative.keySet());
    }
}
