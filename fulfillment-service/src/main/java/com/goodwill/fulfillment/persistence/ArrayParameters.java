package com.goodwill.fulfillment.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a batch's rows as a PostgreSQL array parameter, for the set-based statements of this package
 * ({@code insert ... select from unnest(?, ?, ...)}, {@code update ... from unnest(...)}): one statement for a
 * batch, whatever its size, instead of one per row.
 */
final class ArrayParameters {

    private ArrayParameters() {
    }

    static <T> Array text(Connection connection, List<T> rows, Function<T, String> value) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(value).toArray(String[]::new));
    }

    static <T> Array int4(Connection connection, List<T> rows, Function<T, Integer> value) throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(value).toArray(Integer[]::new));
    }

    static <T> Array int8(Connection connection, List<T> rows, Function<T, Long> value) throws SQLException {
        return connection.createArrayOf("int8", rows.stream().map(value).toArray(Long[]::new));
    }

    /**
     * An instant as PostgreSQL reads it into {@code timestamptz} (ISO-8601 in UTC, to the nanosecond given), for a
     * text array the statement casts ({@code u.sent_at::timestamptz}).
     */
    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
