package com.goodwill.kit.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a batch's rows as a PostgreSQL array parameter, for set-based statements
 * ({@code insert ... select from unnest(?, ?, ...)}, {@code update ... from unnest(...)}): one statement for a batch,
 * whatever its size, instead of one per row. {@link #texts} and {@link #longs} give the column's values for a
 * statement that binds them itself ({@link OneRoundTrip.Write}); {@link #text}, {@link #int4} and {@link #int8} the
 * bound array for a plain prepared statement.
 */
public final class ArrayParameters {

    private ArrayParameters() {
    }

    public static <T> String[] texts(List<T> rows, Function<T, String> value) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return values;
    }

    public static <T> Long[] longs(List<T> rows, Function<T, Long> value) {
        Long[] values = new Long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return values;
    }

    public static <T> Array text(Connection connection, List<T> rows, Function<T, String> value) throws SQLException {
        return connection.createArrayOf("text", texts(rows, value));
    }

    public static <T> Array int4(Connection connection, List<T> rows, Function<T, Integer> value) throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(value).toArray(Integer[]::new));
    }

    public static <T> Array int8(Connection connection, List<T> rows, Function<T, Long> value) throws SQLException {
        return connection.createArrayOf("int8", longs(rows, value));
    }

    /**
     * An instant as PostgreSQL reads it into {@code timestamptz} (ISO-8601 in UTC, to the nanosecond given), for a
     * text array the statement casts ({@code u.sent_at::timestamptz}).
     */
    public static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
