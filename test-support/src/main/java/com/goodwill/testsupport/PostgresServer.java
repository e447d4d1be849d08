package com.goodwill.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (the binaries come from a Maven Central artifact), started as its own
 * process. Used by tests on a free port and by the local stack on a fixed port with a kept data directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    /** The embedded server trusts loopback connections; the password is only there for clients that insist. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port. */
    public static PostgresServer startEphemeral() {
        try {
            return new PostgresServer(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL", e);
        }
    }

    /** A throw-away server on a free port that commits durably, as {@link #startPersistent} does: for benchmarks. */
    public static PostgresServer startEphemeralDurable() {
        try {
            return new PostgresServer(durable(EmbeddedPostgres.builder()).start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL", e);
        }
    }

    /**
     * A server on a fixed port whose data survives restarts. Durable, unlike the embedded server's defaults (it starts
     * PostgreSQL with {@code -F} and {@code synchronous_commit=off}, fine for a throw-away test database): a
     * committed ledger entry, payment journal or budget reservation must survive a crash of the machine.
     */
    public static PostgresServer startPersistent(int port, Path dataDirectory) {
        try {
            return new PostgresServer(durable(EmbeddedPostgres.builder())
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The owner stops it after the services that use it, not in a racing JVM hook.
                    .setRegisterShutdownHook(false)
                    .start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL on port " + port + " with data in " + dataDirectory, e);
        }
    }

    private static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        // Later on the command line than -F, so they win.
        return builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. Names are ours (service names), never user input. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unexpected database name " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop PostgreSQL", e);
        }
    }
}
