package com.goodwill.decision;

import com.goodwill.kit.jdbc.OneRoundTrip;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several writes sent together (service-kit {@link OneRoundTrip}), against the real PostgreSQL. */
@QuarkusTest
class OneRoundTripTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void writesRunInTheirOrderAndEachIsToldTheRowsItWrote() {
        String table = table();
        List<Integer> told = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> run(connection -> OneRoundTrip.send(connection, List.of(
                new OneRoundTrip.Write("insert into " + table + " (id, at) select id, ? from unnest(?::text[]) as e(id)",
                        List.of(Instant.parse("2026-12-05T07:00:00Z"), new String[]{"a", "b", "c"}), told::add),
                // Sees the first write's rows: the writes run one after the other, in the given order.
                new OneRoundTrip.Write("update " + table + " set n = ? where id = any(?::text[])",
                        List.of(7L, new String[]{"a", "c", "x"}), told::add),
                new OneRoundTrip.Write("delete from " + table + " where n is null and id = ?", List.of("b"), told::add)))));

        assertThat(told).containsExactly(3, 2, 1);
        assertThat(rows(table)).containsExactly("a:7", "c:7");
    }

    @Test
    void failingWriteFailsTheWholeAndItsTransactionWritesNothing() {
        String table = table();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> run(connection -> OneRoundTrip.send(connection,
                List.of(new OneRoundTrip.Write("insert into " + table + " (id) values (?)", List.of("a"), n -> { }),
                        new OneRoundTrip.Write("insert into " + table + " (id) values (?)", List.of("a"), n -> { }))))))
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(rows(table)).isEmpty();
    }

    @Test
    void checkOfAWriteRefusingItsRowCountFailsTheSendAndTheTransactionRollsBack() {
        String table = table();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> run(connection -> OneRoundTrip.send(connection,
                List.of(new OneRoundTrip.Write("insert into " + table + " (id) values (?)", List.of("a"), n -> {
                    if (n != 2) {
                        throw new IllegalStateException("took " + n + " of 2");
                    }
                }))))))
                .hasMessageContaining("took 1 of 2");
        assertThat(rows(table)).isEmpty();
    }

    @Test
    void writeIsOneStatement() {
        assertThatThrownBy(() -> new OneRoundTrip.Write("delete from a; delete from b", List.of(), n -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private interface Work {
        void on(Connection connection) throws SQLException;
    }

    private void run(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String table() {
        String table = "round_trip_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        QuarkusTransaction.requiringNew().run(() -> run(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table " + table + " (id text primary key, n bigint, at timestamptz)");
            }
        }));
        return table;
    }

    private List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> run(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select id, n from " + table + " order by id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getObject(2));
                }
            }
        }));
        return rows;
    }
}
