package com.goodwill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Hands the shared broker and database to Quarkus. Register it once per module with
 * {@code @QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false)}.
 * The database is named by the init argument {@code database} (default {@code app}).
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.postgres().createDatabase(database);
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", infrastructure.postgres().jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by a shutdown hook when the JVM exits.
    }
}
