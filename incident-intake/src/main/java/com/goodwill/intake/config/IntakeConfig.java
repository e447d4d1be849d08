package com.goodwill.intake.config;

import com.goodwill.intake.incident.DetectionThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "goodwill.intake")
public interface IntakeConfig {

    /** Lateness against the promised date that is not yet a delay. */
    @WithDefault("PT0S")
    Duration delayGracePeriod();

    /** A delay at least this long is HIGH severity. */
    @WithDefault("PT48H")
    Duration highSeverityDelay();

    /** How long a REST ingestion waits for the broker to take an event before answering 503. */
    @WithDefault("PT15S")
    Duration publishTimeout();

    default DetectionThresholds thresholds() {
        return new DetectionThresholds(delayGracePeriod(), highSeverityDelay());
    }
}
