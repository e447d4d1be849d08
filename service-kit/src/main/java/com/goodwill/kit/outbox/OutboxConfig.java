package com.goodwill.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "goodwill.outbox")
public interface OutboxConfig {

    /** How many rows one relay round publishes at most. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows even when no commit woke it (rows left by a crash, a failed send). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long the relay waits for the broker to acknowledge a batch. */
    @WithDefault("PT30S")
    Duration sendTimeout();
}
