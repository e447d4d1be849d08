package com.goodwill.decision.persistence;

import com.goodwill.kit.jdbc.OneRoundTrip;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * One SQL statement with {@code :name} parameters, run over plain JDBC on the caller's connection (in the service,
 * the connection of the current transaction). The customer profiles and the budget ledger are set-based SQL that
 * must run the same on any connection: the budget concurrency test runs it from a second connection pool, as a
 * second instance would.
 */
final class SqlStatement {

    /** Maps a result row; may throw what JDBC throws. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    record Parsed(String jdbc, List<String> names) {
    }

    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private final Connection connection;
    private final Parsed parsed;
    private final Map<String, Object> values = new HashMap<>();

    private SqlStatement(Connection connection, String sql) {
        this.connection = connection;
        this.parsed = PARSED.computeIfAbsent(sql, SqlStatement::parse);
    }

    static SqlStatement on(Connection connection, String sql) {
        return new SqlStatement(connection, sql);
    }

    /** Sends the writes in one round trip ({@link OneRoundTrip}); a database error as {@link PersistenceFailure}. */
    static void send(Connection connection, List<OneRoundTrip.Write> writes) {
        try {
            OneRoundTrip.send(connection, writes);
        } catch (SQLException e) {
            throw new PersistenceFailure(e);
        }
    }

    /** A statement to send with others in one round trip ({@link #write}), not run on its own. */
    static SqlStatement of(String sql) {
        return new SqlStatement(null, sql);
    }

    /**
     * This statement, with its bound values, as a write to send with others in one round trip; {@code rowsWritten}
     * checks the number of rows it wrote.
     */
    OneRoundTrip.Write write(IntConsumer rowsWritten) {
        List<Object> ordered = new ArrayList<>(parsed.names.size());
        for (String name : parsed.names) {
            if (!values.containsKey(name)) {
                throw new IllegalStateException("No value bound for :" + name);
            }
            ordered.add(values.get(name));
        }
        return new OneRoundTrip.Write(parsed.jdbc, ordered, rowsWritten);
    }

    SqlStatement bind(String name, Object value) {
        if (!parsed.names.contains(name)) {
            throw new IllegalArgumentException("The statement has no parameter :" + name);
        }
        values.put(name, value);
        return this;
    }

    int update() {
        try (PreparedStatement statement = prepare()) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure(e);
        }
    }

    <T> List<T> list(Row<T> row) {
        try (PreparedStatement statement = prepare(); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceFailure(e);
        }
    }

    <T> Optional<T> first(Row<T> row) {
        List<T> rows = list(row);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    <T> T single(Row<T> row) {
        return first(row).orElseThrow(() -> new IllegalStateException("The statement returned no row"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private PreparedStatement prepare() throws SQLException {
        PreparedStatement statement = connection.prepareStatement(parsed.jdbc);
        try {
            for (int i = 0; i < parsed.names.size(); i++) {
                String name = parsed.names.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalStateException("No value bound for :" + name);
                }
                OneRoundTrip.set(connection, statement, i + 1, values.get(name));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Replaces each {@code :name} outside string literals with {@code ?}; {@code ::} casts are left alone. */
    static Parsed parse(String sql) {
        StringBuilder jdbc = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        boolean inLiteral = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inLiteral = !inLiteral;
                jdbc.append(c);
            } else if (!inLiteral && c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                jdbc.append("::");
                i++;
            } else if (!inLiteral && c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                jdbc.append('?');
                i = end - 1;
            } else {
                jdbc.append(c);
            }
        }
        return new Parsed(jdbc.toString(), List.copyOf(names));
    }

    /** A database failure, unchecked so that it rolls the caller's transaction back and the consumer retries. */
    static final class PersistenceFailure extends RuntimeException {
        PersistenceFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
