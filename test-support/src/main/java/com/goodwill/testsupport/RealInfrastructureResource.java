package com.goodwill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Hands the shared broker and database to Quarkus. Register it once per module with
 * {@code @QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false)}.
 * The database is named by the init argument {@code database} (default {@code app}). Flyway always migrates as
 * the server's superuser, the database's owner; the service connects as the role named by the init arguments
 * {@code username} and {@code password} (default the superuser), which a service's migration may create with
 * fewer rights.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";
    private String username = PostgresServer.USER;
    private String password = PostgresServer.PASSWORD;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        username = initArgs.getOrDefault("username", username);
        password = initArgs.getOrDefault("password", password);
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.postgres().createDatabase(database);
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", infrastructure.postgres().jdbcUrl(database),
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password,
                "quarkus.flyway.username", PostgresServer.USER,
                "quarkus.flyway.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by a shutdown hook when the JVM exits.
    }
}
