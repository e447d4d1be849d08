package com.goodwill.kit.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Consumer lag as the broker sees it ({@code goodwill_consumer_lag{group, topic}}): for each consumer group this
 * service consumes in, the records between the group's committed offset and the end of each partition, summed per
 * topic. A partition the group never committed on counts from its beginning (every channel starts at the earliest
 * offset). Every instance of a service reports the same figure for its groups, so dashboards take the max. The Kafka
 * client's own lag metrics know neither the group nor, in Micrometer, the topic; this does.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final String INCOMING = "mp.messaging.incoming.";
    /** How long one question to the broker may take before the round gives up (the gauges keep their figures). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MultiGauge lag;
    private final Config config;
    private final String bootstrapServers;
    private final Duration every;
    private ScheduledExecutorService timer;
    private Admin admin;

    public ConsumerLag(MeterRegistry registry, Config config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "goodwill.metrics.consumer-lag-every", defaultValue = "PT15S") Duration every) {
        this.lag = MultiGauge.builder("goodwill.consumer.lag")
                .description("Records the consumer group has not yet committed, by topic (broker's view)")
                .register(registry);
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.every = every;
    }

    void start(@Observes StartupEvent event) {
        if (groups().isEmpty()) {
            return;
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "consumer-lag",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The groups this service's incoming Kafka channels consume in, each with its topics. */
    Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(INCOMING) || !name.endsWith(".connector")) {
                continue;
            }
            String channel = name.substring(INCOMING.length(), name.length() - ".connector".length());
            if (!"smallrye-kafka".equals(config.getOptionalValue(name, String.class).orElse(""))) {
                continue;
            }
            String group = config.getOptionalValue(INCOMING + channel + ".group.id", String.class)
                    .or(() -> config.getOptionalValue("quarkus.application.name", String.class)).orElse(channel);
            String topics = config.getOptionalValue(INCOMING + channel + ".topics", String.class)
                    .or(() -> config.getOptionalValue(INCOMING + channel + ".topic", String.class)).orElse(channel);
            for (String topic : topics.split(",")) {
                List<String> ofGroup = groups.computeIfAbsent(group, g -> new ArrayList<>());
                if (!ofGroup.contains(topic.trim())) {
                    ofGroup.add(topic.trim());
                }
            }
        }
        return groups;
    }

    void refresh() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Map.Entry<String, List<String>> group : groups().entrySet()) {
                lagOf(group.getKey(), group.getValue()).forEach((topic, records) ->
                        rows.add(MultiGauge.Row.of(Tags.of("group", group.getKey(), "topic", topic), records)));
            }
            lag.register(rows, true);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            // The gauges keep their last figures; the next round tries again.
            LOG.debugf(e, "Reading consumer lag failed");
        }
    }

    private Map<String, Long> lagOf(String group, List<String> topics) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<String, Long> lag = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = committed.get(partition);
            long from = position != null ? position.offset() : starts.getOrDefault(partition, 0L);
            lag.merge(partition.topic(), Math.max(0, ends.getOrDefault(partition, 0L) - from), Long::sum);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
