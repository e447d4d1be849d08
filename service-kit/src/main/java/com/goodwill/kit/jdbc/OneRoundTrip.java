package com.goodwill.kit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntConsumer;

/**
 * Several writes of one transaction sent to PostgreSQL together: one prepared statement holding them all, which the
 * driver sends as one message sequence and the server answers once, instead of a round trip each. On a busy machine
 * every round trip waits for the server's process and then the caller's thread to get a core again, so a batch
 * transaction's latency is mostly its count of round trips. Each write keeps its own SQL and its own check of the rows
 * it wrote; the first failure fails the whole (the caller's transaction then rolls back).
 */
public final class OneRoundTrip {

    /**
     * One write: its SQL with {@code ?} parameters (no {@code ;}), their values in order, and what to do with the
     * number of rows it wrote (typically: fail unless it is the number expected). Values: {@code String[]} and
     * {@code Long[]} (sent as {@code text[]} and {@code bigint[]}), {@link Instant}, {@code null} (typed by the server from
     * its use) or anything the driver's {@code setObject} takes.
     */
    public record Write(String sql, List<Object> parameters, IntConsumer rowsWritten) {
        public Write {
            if (sql.indexOf(';') >= 0) {
                throw new IllegalArgumentException("A write is one statement: " + sql);
            }
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    private OneRoundTrip() {
    }

    /** Runs the writes in their order on the connection (in its transaction); an empty list sends nothing. */
    public static void send(Connection connection, List<Write> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        StringJoiner sql = new StringJoiner(";\n");
        writes.forEach(w -> sql.add(w.sql()));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Write write : writes) {
                for (Object value : write.parameters()) {
                    set(connection, statement, index++, value);
                }
            }
            statement.execute();
            for (int i = 0; i < writes.size(); i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                writes.get(i).rowsWritten().accept(statement.getUpdateCount());
            }
        }
    }

    /**
     * Binds one value the way {@link Write} describes: {@code String[]} and {@code Long[]} as {@code text[]} and
     * {@code bigint[]}, {@link Instant} as a UTC timestamp, {@code null} untyped, anything else as the driver takes it.
     */
    public static void set(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof String[] texts) {
            // A whole batch in one parameter: set-based statements unnest it.
            statement.setArray(index, connection.createArrayOf("text", texts));
        } else if (value instanceof Long[] numbers) {
            statement.setArray(index, connection.createArrayOf("bigint", numbers));
        } else if (value == null) {
            // Unspecified type: PostgreSQL infers it from where the parameter is used.
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }
}
