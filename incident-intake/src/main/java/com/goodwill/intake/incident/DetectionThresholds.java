package com.goodwill.intake.incident;

import java.time.Duration;

/**
 * Business-tuned thresholds of incident detection (from configuration).
 *
 * @param gracePeriod      lateness that does not count as a delay at all
 * @param highSeverityFrom a delay at least this long is HIGH severity, below it MEDIUM
 */
public record DetectionThresholds(Duration gracePeriod, Duration highSeverityFrom) {
}
