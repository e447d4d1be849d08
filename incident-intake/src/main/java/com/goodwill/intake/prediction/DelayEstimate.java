package com.goodwill.intake.prediction;

/**
 * The predicted lateness of one shipment against its promise.
 *
 * @param probabilityLate    P(delivery after the promised date)
 * @param expectedDelayHours E[max(0, delivery - promise)], rounded up to whole hours
 * @param sampleCount        observations the lane's data contributed
 * @param fromPrior          fewer than the configured minimum observations: the estimate rests mainly on the prior
 */
public record DelayEstimate(double probabilityLate, long expectedDelayHours, long sampleCount, boolean fromPrior) {
}
