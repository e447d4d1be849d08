package com.goodwill.intake.prediction;

/**
 * The configured belief about remaining hours to delivery from one status before a lane has data: log-normal,
 * because transit times are positive and right-skewed (a parcel can be days late, never days early).
 *
 * @param medianHours the remaining hours half of all shipments beat
 * @param sigma       the spread of ln(hours); 0.5 puts the 90th percentile at about 1.9 times the median
 */
public record PriorTransit(double medianHours, double sigma) {

    public PriorTransit {
        if (!(medianHours > 0) || !Double.isFinite(medianHours)) {
            throw new IllegalArgumentException("medianHours must be finite and > 0: " + medianHours);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and > 0: " + sigma);
        }
    }

    /** P(R <= hours). */
    public double cdf(double hours) {
        if (hours <= 0) {
            return 0;
        }
        return StandardNormal.cdf((Math.log(hours) - Math.log(medianHours)) / sigma);
    }

    /**
     * E[max(0, R - hours)], in closed form: a quantile sum would cut off the log-normal's unbounded tail, which is
     * where the expected delay comes from.
     */
    public double expectedExcess(double hours) {
        double mean = medianHours * Math.exp(sigma * sigma / 2);
        if (hours <= 0) {
            return mean - hours;
        }
        double z = Math.log(medianHours / hours) / sigma;
        return mean * StandardNormal.cdf(z + sigma) - hours * StandardNormal.cdf(z);
    }

    /** The remaining hours below which the given share (strictly between 0 and 1) of shipments arrive. */
    public double quantile(double share) {
        return medianHours * Math.exp(sigma * StandardNormal.quantile(share));
    }
}
