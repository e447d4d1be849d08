package com.goodwill.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a service's reliability tables (service-kit's processed-message log and outbox) hold, read over the service's
 * own datasource in a connection of its own: a test sees only what the service has committed.
 */
public final class ReliabilityTables {

    private ReliabilityTables() {
    }

    /** Whether the consumer has recorded the event as processed (its processing committed). */
    public static boolean processed(DataSource database, String consumer, String eventId) {
        return count(database, "select count(*) from processed_event where consumer = ? and event_id = ?",
                consumer, eventId) == 1;
    }

    /** Whether one of the service's consumers has recorded the event as processed. */
    public static boolean processedByAnyConsumer(DataSource database, String eventId) {
        return count(database, "select count(*) from processed_event where event_id = ?", eventId) > 0;
    }

    /** Whether every event committed so far has been published (the outbox relay deletes what it published). */
    public static boolean outboxEmpty(DataSource database) {
        return count(database, "select count(*) from outbox_event") == 0;
    }

    private static long count(DataSource database, String sql, String... parameters) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the reliability tables failed: " + sql, e);
        }
    }
}
