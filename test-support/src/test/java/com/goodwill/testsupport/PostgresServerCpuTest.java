package com.goodwill.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's CPU figure, which the benchmarks divide by their work, holds what its ended backends spent. */
class PostgresServerCpuTest {

    @Test
    void aBackendThatEndedBetweenTwoReadingsIsCountedInFull() throws Exception {
        try (PostgresServer server = PostgresServer.startEphemeral()) {
            Duration before = server.cpuTime().orElseThrow();
            long backend;
            Duration spentByBackend;
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.USER,
                    PostgresServer.PASSWORD);
                 Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    backend = rs.getLong(1);
                }
                // Work enough for the backend's account to show it (about a fifth of a second and more).
                statement.executeQuery("select count(*) from generate_series(1, 3000000)").close();
                spentByBackend = ProcessStat.of(backend).orElseThrow().ownCpu();
                assertTrue(server.processIds().contains(backend), "a running backend is one of the server's processes");
            }
            // Gone from /proc once the postmaster has reaped it: from then on its time is only in the reaped account.
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessStat.of(backend).isEmpty());
            Duration after = server.cpuTime().orElseThrow();

            assertTrue(spentByBackend.compareTo(Duration.ofMillis(100)) >= 0, "the backend worked: " + spentByBackend);
            assertTrue(after.minus(before).compareTo(spentByBackend) >= 0,
                    "server CPU grew by " + after.minus(before) + ", its ended backend alone spent " + spentByBackend);
        }
    }
}
