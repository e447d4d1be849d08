package com.goodwill.testsupport;

import com.goodwill.contracts.Topics;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * One real KRaft Kafka broker and one real PostgreSQL per test JVM, started on first use on free
 * loopback ports and stopped when the JVM exits. Every test class of a module shares them.
 */
public final class SharedInfrastructure {

    public static final int PARTITIONS = 3;

    private static SharedInfrastructure instance;

    private final KafkaClusterTestKit kafka;
    private final PostgresServer postgres;

    private SharedInfrastructure(KafkaClusterTestKit kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "shared-infrastructure-stop"));
        }
        return instance;
    }

    private static SharedInfrastructure start() {
        // Kafka's test kit deletes its temporary log directories in a shutdown hook of its own, which can run
        // while the broker is still closing; the broker then sees its log directory fail and halts the JVM with
        // exit code 1, and Surefire reports a passing test run as a crashed fork. A test JVM exits on its own.
        Exit.setHaltProcedure((statusCode, message) -> { });
        Exit.setExitProcedure((statusCode, message) -> { });
        KafkaClusterTestKit kafka;
        try {
            kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // Consumer groups form at once instead of waiting three seconds for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // A single broker: internal topics cannot have the default three replicas.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the Kafka broker for tests", e);
        }
        PostgresServer postgres = PostgresServer.startEphemeral();
        KafkaTopics.createMissing(kafka.bootstrapServers(), Topics.all(), PARTITIONS);
        return new SharedInfrastructure(kafka, postgres);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    private void stop() {
        try {
            kafka.close();
        } catch (Exception e) {
            // The JVM is exiting; nothing left to protect.
        }
        postgres.close();
    }
}
