package com.goodwill.audit;

import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainVerifier;
import com.goodwill.audit.ledger.ChainWalk;
import com.goodwill.audit.ledger.Ledger;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.verifier.OfflineVerifier;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's promises: the chain verifies, the service's own connection may not change it (no privilege), the
 * database refuses every change even to its superuser (triggers), concurrent appends chain without gaps, and a change
 * made behind the database's back is found at exactly the entry that was changed. The other test classes of this JVM append to the same ledger,
 * so every assertion here holds whatever else is in it; only this class ever asks for the verification, and the
 * tampering runs last and is undone.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerIntegrityTest {

    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

    @Inject
    EntityManager entityManager;
    @Inject
    Ledger ledger;
    @Inject
    ChainVerifier verifier;
    @Inject
    LedgerTree tree;

    @Test
    @Order(2)
    void exportedLedgerVerifiesOfflineWithoutTheDatabase() throws Exception {
        var placed = recorded();
        OfflineVerifier.Result result = OfflineVerifier.verify(export());
        assertThat(result.intact()).as("offline verification %s", result).isTrue();
        assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(awaitInLedger(placed));
    }

    @Test
    @Order(1)
    void verificationReportsAnIntactChainCoveringEveryEntry() {
        String orderId = "ord-" + UUID.randomUUID();
        String incidentId = "inc-" + UUID.randomUUID();
        produce(AuditEvents.orderPlaced(orderId, T0));
        produce(AuditEvents.incident(orderId, incidentId, T0.plusSeconds(3600)));
        // Nanoseconds, as services' clocks produce them: the database keeps microseconds, rounded.
        var decision = AuditEvents.decision(orderId, incidentId, T0.plusSeconds(3601).plusNanos(123_456_789));
        produce(decision);
        await().atMost(WAIT).until(() -> AuditEvents.timeline(orderId).getInt("count") == 3);

        // Compared only when no append happened in between, so the count and the verification see the same ledger.
        await().atMost(WAIT).untilAsserted(() -> {
            long before = ledgerSize();
            JsonPath verification = verification();
            assertThat(ledgerSize()).isEqualTo(before);
            assertThat(verification.getBoolean("intact")).isTrue();
            assertThat(verification.getLong("entriesChecked")).isEqualTo(before).isGreaterThanOrEqualTo(3);
            assertThat(verification.getString("firstBrokenSequence")).isNull();
            assertThat(headSequence()).isEqualTo(before);
        });
    }

    @Test
    @Order(2)
    void databaseRefusesEvenTheSuperuserToUpdateALedgerEntry() {
        var placed = recorded();
        assertRefusedByTrigger("update ledger_entry set payload = '{}' where event_id = '" + placed.event().id() + "'",
                "UPDATE");
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
    }

    @Test
    @Order(3)
    void databaseRefusesEvenTheSuperuserToDeleteALedgerEntry() {
        var placed = recorded();
        assertRefusedByTrigger("delete from ledger_entry where event_id = '" + placed.event().id() + "'", "DELETE");
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
    }

    @Test
    @Order(4)
    void databaseRefusesEvenTheSuperuserToTruncateTheLedger() {
        var placed = recorded();
        long size = ledgerSize();
        // Cascade, so that no reference from another table can be the reason for the refusal (ledger_facet referenced
        // the entries until V6): the statement reaches the ledger's own guard.
        assertRefusedByTrigger("truncate ledger_entry cascade", "TRUNCATE");
        assertThat(ledgerSize()).isGreaterThanOrEqualTo(size);
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
    }

    /**
     * The service's own connection may not even try: it lacks the privilege (42501), which PostgreSQL checks before
     * any trigger runs, so the ledger holds also if a trigger were dropped.
     */
    @Test
    @Order(5)
    void serviceConnectionLacksThePrivilegeToChangeTheLedger() {
        var placed = recorded();
        String id = placed.event().id();
        assertThat(currentUser()).isEqualTo(RealInfrastructure.WRITER);
        assertPermissionDenied("update ledger_entry set payload = '{}' where event_id = '" + id + "'");
        assertPermissionDenied("delete from ledger_entry where event_id = '" + id + "'");
        assertPermissionDenied("truncate ledger_entry cascade");
        assertPermissionDenied("update ledger_facet set order_id = 'someone-else' where sequence = 1");
        assertPermissionDenied("delete from ledger_facet where sequence = 1");
        assertPermissionDenied("update ledger_checkpoint set root_hash = repeat('0', 64)");
        assertPermissionDenied("delete from ledger_checkpoint");
        assertPermissionDenied("alter table ledger_entry disable trigger ledger_entry_immutable");
        assertPermissionDenied("delete from flyway_schema_history");
        assertThat(payloadOf(id)).isEqualTo(placed.json());
    }

    /** Appenders serialise on the advisory lock and read the head from the ledger: no gap, no fork, each event once. */
    @Test
    @Order(6)
    void concurrentAppendsChainWithoutGapsOrDuplicates() throws Exception {
        int threads = 8;
        int perThread = 25;
        String run = UUID.randomUUID().toString();
        List<List<AuditEvents.Sent>> slices = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<AuditEvents.Sent> slice = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                slice.add(AuditEvents.orderPlaced("ord-" + run + "-" + t + "-" + i, T0));
            }
            slices.add(slice);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<AuditEvents.Sent> own = slices.get(t);
                // Each event is also offered by the next thread, at about the same time: it must be appended once.
                List<AuditEvents.Sent> neighbours = slices.get((t + 1) % threads);
                results.add(pool.submit(() -> {
                    int appended = 0;
                    for (int i = 0; i < perThread; i++) {
                        for (AuditEvents.Sent sent : List.of(own.get(i), neighbours.get(i))) {
                            appended += ledger.append(sent.topic(), 0, i, sent.json()) ? 1 : 0;
                        }
                    }
                    return appended;
                }));
            }
            int appended = 0;
            for (Future<Integer> result : results) {
                appended += result.get(2, TimeUnit.MINUTES);
            }
            assertThat(appended).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from ledger_entry where subject like ?1")
                .setParameter(1, "ord-" + run + "-%").getSingleResult()).longValue()))
                .isEqualTo(threads * perThread);
        Object[] shape = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "select count(*), min(sequence), max(sequence) from ledger_entry").getSingleResult());
        assertThat(((Number) shape[1]).longValue()).isEqualTo(1);
        assertThat(((Number) shape[2]).longValue()).as("no gaps").isEqualTo(((Number) shape[0]).longValue());
        ChainVerification verification = verifier.verify();
        assertThat(verification.intact()).as("%s", verification).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(threads * perThread);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void entryChangedBehindTheDatabasesBackIsNamedAsTheFirstBrokenOne() throws Exception {
        var placed = recorded();
        long sequence = awaitInLedger(placed);
        assertThat(verification().getBoolean("intact")).as("intact before tampering").isTrue();

        String original = payloadOf(placed.event().id());
        String tampered = original.replace("\"amountMinor\":12999", "\"amountMinor\":1299900");
        assertThat(tampered).isNotEqualTo(original);
        try {
            rewritePayload(sequence, tampered);

            JsonPath verification = verification();
            assertThat(verification.getBoolean("intact")).isFalse();
            assertThat(verification.getLong("firstBrokenSequence")).isEqualTo(sequence);
            assertThat(verification.getString("firstBrokenEventId")).isEqualTo(placed.event().id());
            assertThat(verification.getLong("entriesChecked")).isEqualTo(sequence - 1);
            assertThat(verification.getString("reason")).contains("hash");
            OfflineVerifier.Result offline = OfflineVerifier.verify(export());
            assertThat(offline.firstBrokenSequence()).as("offline verification of the export").isEqualTo(sequence);
        } finally {
            rewritePayload(sequence, original);
        }
        assertThat(verification().getBoolean("intact")).as("intact once the payload is restored").isTrue();
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void entryMovedToAnotherOrdersTimelineIsNamedAsBroken() throws Exception {
        var placed = recorded();
        long sequence = awaitInLedger(placed);
        assertThat(verification().getBoolean("intact")).as("intact before tampering").isTrue();
        try {
            rewriteColumn(sequence, "subject", "someone-elses-order");

            JsonPath verification = verification();
            assertThat(verification.getBoolean("intact")).isFalse();
            assertThat(verification.getLong("firstBrokenSequence")).isEqualTo(sequence);
            assertThat(verification.getString("reason")).contains("subject");
        } finally {
            rewriteColumn(sequence, "subject", placed.event().subject());
        }
        assertThat(verification().getBoolean("intact")).as("intact once the subject is restored").isTrue();
    }

    @Test
    @Order(Integer.MAX_VALUE - 2)
    void walkInSeveralRangesNamesTheSameFirstBrokenEntryAsOneWalkAlsoAtARangesEdge() throws Exception {
        for (int i = 0; i < 12; i++) {
            recorded();
        }
        // The ledger up to its present head: other classes' events may still be appended behind it.
        long head = headSequence();
        ChainVerification whole = ChainWalk.verifyUpTo(Superuser::connect, head, 1);
        assertThat(whole).isEqualTo(new ChainVerification(head, true, null, null, null));
        assertThat(ChainWalk.verifyUpTo(Superuser::connect, head, 3)).isEqualTo(whole);

        long[] starts = ChainWalk.rangeStarts(head, 3);
        assertThat(starts).hasSize(3);
        long firstOfSecond = starts[1];
        long lastOfFirst = starts[1] - 1;
        long firstOfThird = starts[2];
        assertBrokenAtTheSameEntryInRanges(head, firstOfSecond, "payload",
                columnAt(firstOfSecond, "payload").replace("\"id\"", "\"ID\""), "hash");
        assertBrokenAtTheSameEntryInRanges(head, lastOfFirst, "subject", "someone-elses-order", "subject");
        assertBrokenAtTheSameEntryInRanges(head, firstOfThird, "previous_hash", "0".repeat(64), "previous hash");
    }

    /** Changes one column of one entry, checks that both walks name it with the same outcome, and changes it back. */
    private static void assertBrokenAtTheSameEntryInRanges(long head, long sequence, String column, String value,
                                                           String reason) throws SQLException {
        String original = columnAt(sequence, column);
        try {
            rewriteColumn(sequence, column, value);
            ChainVerification whole = ChainWalk.verifyUpTo(Superuser::connect, head, 1);
            assertThat(whole.intact()).as("one walk after changing %s of %d", column, sequence).isFalse();
            assertThat(whole.firstBrokenSequence()).isEqualTo(sequence);
            assertThat(whole.entriesChecked()).isEqualTo(sequence - 1);
            assertThat(whole.reason()).contains(reason);
            assertThat(ChainWalk.verifyUpTo(Superuser::connect, head, 3))
                    .as("three ranges after changing %s of %d", column, sequence).isEqualTo(whole);
        } finally {
            rewriteColumn(sequence, column, original);
        }
        assertThat(ChainWalk.verifyUpTo(Superuser::connect, head, 3).intact())
                .as("intact once %s of %d is restored", column, sequence).isTrue();
    }

    private static String columnAt(long sequence, String column) throws SQLException {
        try (Connection connection = Superuser.connect();
             PreparedStatement query = connection.prepareStatement("select " + column + " from ledger_entry where sequence = ?")) {
            query.setLong(1, sequence);
            try (var rs = query.executeQuery()) {
                assertThat(rs.next()).as("entry %d", sequence).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void rewriteColumn(long sequence, String column, String value) throws SQLException {
        asOwnerWithoutTheGuard("update ledger_entry set " + column + " = ? where sequence = ?", value, sequence);
    }

    /** An event of this test's own, already in the ledger, so row-level rules have a row to act on. */
    private static AuditEvents.Sent recorded() {
        var placed = AuditEvents.orderPlaced("ord-" + UUID.randomUUID(), T0);
        produce(placed);
        awaitInLedger(placed);
        return placed;
    }

    /** The superuser has every privilege: only the trigger stands in its way. */
    private static void assertRefusedByTrigger(String statement, String operation) {
        assertThatThrownBy(() -> Superuser.run(statement))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("immutable")
                .hasMessageContaining(operation);
    }

    private void assertPermissionDenied(String statement) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery(statement).executeUpdate()))
                .as(statement)
                .rootCause()
                // insufficient_privilege: "permission denied" for rows, "must be owner" for the table's definition.
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(statement).isEqualTo("42501"));
    }

    private String currentUser() {
        return QuarkusTransaction.requiringNew().call(() ->
                (String) entityManager.createNativeQuery("select current_user").getSingleResult());
    }

    private static void rewritePayload(long sequence, String payload) throws SQLException {
        asOwnerWithoutTheGuard("update ledger_entry set payload = ? where sequence = ?", payload, sequence);
    }

    /** What only the owner can do: switch the guard off, change a row, switch it on again, in one transaction. */
    private static void asOwnerWithoutTheGuard(String update, String value, long sequence) throws SQLException {
        try (Connection connection = Superuser.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 PreparedStatement change = connection.prepareStatement(update)) {
                statement.execute("alter table ledger_entry disable trigger ledger_entry_immutable");
                change.setString(1, value);
                change.setLong(2, sequence);
                change.executeUpdate();
                statement.execute("alter table ledger_entry enable trigger ledger_entry_immutable");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static BufferedReader export() {
        String lines = given().get("/api/ledger/export").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        return new BufferedReader(new StringReader(lines));
    }

    private static JsonPath verification() {
        return given().get("/api/ledger/verification").then().statusCode(200).extract().jsonPath();
    }

    private long ledgerSize() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("select count(*) from ledger_entry").getSingleResult()).longValue());
    }

    private long headSequence() {
        return tree.size();
    }

    private String payloadOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select payload from ledger_entry where event_id = ?1")
                .setParameter(1, eventId).getSingleResult());
    }
}
