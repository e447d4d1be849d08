package com.goodwill.audit;

import com.goodwill.testsupport.PostgresServer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A connection to the service's database as the server's superuser, the owner of its tables: what a test needs to
 * act behind the service's back (the service itself connects as the insert-only writer role).
 */
final class Superuser {

    private Superuser() {
    }

    static Connection connect() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** Runs the statements in one transaction of their own. */
    static void run(String... statements) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
