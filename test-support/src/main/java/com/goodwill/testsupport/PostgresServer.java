package com.goodwill.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (the binaries come from a Maven Central artifact), started as its own
 * process. Used by tests on a free port and by the local stack on a fixed port with a kept data directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    /** The embedded server trusts loopback connections; the password is only there for clients that insist. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    /** The server's main process (the postmaster), from its data directory's pid file; empty where it cannot be read. */
    private final OptionalLong postmaster;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        // Asked once, at start: the connection that asks is a backend whose CPU time would otherwise land in a
        // benchmark's first reading.
        this.postmaster = postmasterPid(postgres);
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

    /** The server's processes: the postmaster, then its running children (backends, background and autovacuum workers). */
    public List<Long> processIds() {
        return postmaster.stream().boxed().flatMap(pid -> ProcessHandle.of(pid).stream())
                .flatMap(p -> Stream.concat(Stream.of(p), p.children()))
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * CPU time (user + system) the server has used since it started: the postmaster, its running children, and its
     * children that have ended (backends of closed connections, autovacuum workers), whose time the kernel adds to
     * the postmaster's account when it reaps them. Counting only the processes alive at two readings loses a worker
     * that ran in between and counts one that ended in between against the server. Empty without {@code /proc}.
     */
    public Optional<Duration> cpuTime() {
        return postmaster.isEmpty() ? Optional.empty() : cpuTimeOfServer(postmaster.getAsLong());
    }

    /**
     * {@link #cpuTime()} of the server whose postmaster is {@code postmasterPid}, for a caller that holds no
     * {@code PostgresServer} (a Quarkus test reaching the shared server through its datasource): the parent of any of
     * its backends ({@code select pg_backend_pid()}, then {@link ProcessStat#ppid()}) is the postmaster.
     */
    public static Optional<Duration> cpuTimeOfServer(long postmasterPid) {
        return ProcessStat.of(postmasterPid).map(main -> {
            Duration total = main.ownCpu().plus(main.reapedChildrenCpu());
            for (long child : ProcessHandle.of(postmasterPid).stream().flatMap(ProcessHandle::children).map(ProcessHandle::pid).toList()) {
                // A child that ends between the listing and this reading is in neither figure: at most its last tick.
                total = total.plus(ProcessStat.of(child).filter(c -> c.ppid() == postmasterPid).map(ProcessStat::ownCpu)
                        .orElse(Duration.ZERO));
            }
            return total;
        });
    }

    private static OptionalLong postmasterPid(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show data_directory")) {
            rs.next();
            // The pid file's first line is the postmaster's process id.
            return OptionalLong.of(Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim()));
        } catch (SQLException | IOException | RuntimeException e) {
            return OptionalLong.empty();
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
