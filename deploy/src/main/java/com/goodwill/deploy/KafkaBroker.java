package com.goodwill.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker in its own JVM, from the Kafka jars on this module's
 * classpath. Storage is formatted once; afterwards the broker starts on the data it kept.
 */
public final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private KafkaBroker() {
    }

    public static ChildProcess start(StackLayout layout) throws IOException, InterruptedException {
        Path home = layout.dataDir().resolve("kafka");
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, serverProperties(layout, data));
        Path logConfig = home.resolve("log4j2.properties");
        Files.writeString(logConfig, LOG_CONFIG);

        if (!Files.exists(data.resolve("meta.properties"))) {
            format(layout, properties, logConfig);
        }
        ChildProcess broker = ChildProcess.start("kafka", List.of(Java.executable(), "-Xms128m", "-Xmx384m",
                        "-Dlog4j2.configurationFile=" + logConfig, "-cp", Java.classpath(), "kafka.Kafka", properties.toString()),
                Map.of(), layout.logs().resolve("kafka.log"), layout.pids());
        awaitReady(layout, broker);
        return broker;
    }

    private static void format(StackLayout layout, Path properties, Path logConfig) throws IOException, InterruptedException {
        Process format = new ProcessBuilder(Java.executable(), "-Xmx256m", "-Dlog4j2.configurationFile=" + logConfig,
                "-cp", Java.classpath(), "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString(), "--standalone")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("kafka-format.log").toFile()))
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Formatting Kafka storage failed; see " + layout.logs().resolve("kafka-format.log"));
        }
    }

    private static void awaitReady(StackLayout layout, ChildProcess broker) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("Kafka stopped while starting:\n" + broker.logTail(30));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + READY_TIMEOUT.toSeconds() + " s: " + last
                + "\n" + broker.logTail(30));
    }

    static String serverProperties(StackLayout layout, Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=6
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                """.formatted(layout.kafkaPort(), layout.controllerPort(), data.toAbsolutePath());
    }

    private static final String LOG_CONFIG = """
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = info
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = warn
            logger.apache.name = org.apache.kafka
            logger.apache.level = warn
            logger.server.name = kafka.server.KafkaRaftServer
            logger.server.level = info
            """;
}
