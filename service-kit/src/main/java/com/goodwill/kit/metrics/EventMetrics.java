package com.goodwill.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * The platform's event flow as metrics, named the same in every service so one dashboard reads them all: records
 * consumed per consumer group and topic, records dead-lettered per group, topic and reason. (Events out are counted by
 * the outbox relay: {@code goodwill_outbox_published_total} per topic.)
 */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;
    private final Config config;

    public EventMetrics(MeterRegistry registry, Config config) {
        this.registry = registry;
        this.config = config;
    }

    /** A record of the channel's topic was handled: processed, skipped as a duplicate, or dead-lettered. */
    public void consumed(String channel, String topic, int records) {
        Counter.builder("goodwill.events.consumed")
                .description("Records consumed, by consumer group and topic (processed or dead-lettered)")
                .tag("group", groupOf(channel))
                .tag("topic", topic)
                .register(registry)
                .increment(records);
    }

    /**
     * A record went to the dead-letter topic. The reason is the failure's class (a handful of kinds, so the series
     * stay few); the record's headers on the dead-letter topic carry the full message.
     */
    public void deadLettered(String channel, String topic, Throwable reason) {
        Counter.builder("goodwill.events.dead.lettered")
                .description("Records sent to the dead-letter topic, by consumer group, topic and reason")
                .tag("group", groupOf(channel))
                .tag("topic", topic)
                .tag("reason", reasonOf(reason))
                .register(registry)
                .increment();
    }

    /** The consumer group a channel consumes in (the connector's default is the application's name). */
    String groupOf(String channel) {
        // A channel with concurrency runs as copies named channel$1, channel$2, ... with the channel's configuration.
        String configured = channel.replaceFirst("\\$\\d+$", "");
        return config.getOptionalValue("mp.messaging.incoming." + configured + ".group.id", String.class)
                .or(() -> config.getOptionalValue("quarkus.application.name", String.class))
                .orElse(channel);
    }

    static String reasonOf(Throwable reason) {
        Throwable cause = reason;
        // Fault tolerance and the connector wrap the handler's exception; the innermost one says what was wrong.
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
