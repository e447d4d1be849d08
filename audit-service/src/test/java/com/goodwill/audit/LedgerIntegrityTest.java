package com.goodwill.audit;

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
import java.time.Instant;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's promises: the chain verifies, the database refuses every change, and a change made behind its back
 * is found at exactly the entry that was changed. The other test classes of this JVM append to the same ledger,
 * so every assertion here holds whatever else is in it; only this class ever asks for the verification, and the
 * tampering runs last and is undone.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerIntegrityTest {

    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

    @Inject
    EntityManager entityManager;

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
    void databaseRefusesToUpdateALedgerEntry() {
        var placed = recorded();
        assertRefused("update ledger_entry set payload = '{}' where event_id = '" + placed.event().id() + "'", "UPDATE");
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
    }

    @Test
    @Order(3)
    void databaseRefusesToDeleteALedgerEntry() {
        var placed = recorded();
        assertRefused("delete from ledger_entry where event_id = '" + placed.event().id() + "'", "DELETE");
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
    }

    @Test
    @Order(4)
    void databaseRefusesToTruncateTheLedger() {
        var placed = recorded();
        long size = ledgerSize();
        // Cascade, since ledger_facet references the entries: a plain truncate is refused for that reason already,
        // and this way the statement reaches the ledger's own guard.
        assertRefused("truncate ledger_entry cascade", "TRUNCATE");
        assertThat(ledgerSize()).isGreaterThanOrEqualTo(size);
        assertThat(payloadOf(placed.event().id())).isEqualTo(placed.json());
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
    void entryMovedToAnotherOrdersTimelineIsNamedAsBroken() {
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

    private void rewriteColumn(long sequence, String column, String value) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("alter table ledger_entry disable trigger ledger_entry_immutable").executeUpdate();
            entityManager.createNativeQuery("update ledger_entry set " + column + " = ?1 where sequence = ?2")
                    .setParameter(1, value).setParameter(2, sequence).executeUpdate();
            entityManager.createNativeQuery("alter table ledger_entry enable trigger ledger_entry_immutable").executeUpdate();
        });
    }

    /** An event of this test's own, already in the ledger, so row-level rules have a row to act on. */
    private static AuditEvents.Sent recorded() {
        var placed = AuditEvents.orderPlaced("ord-" + UUID.randomUUID(), T0);
        produce(placed);
        awaitInLedger(placed);
        return placed;
    }

    private void assertRefused(String statement, String operation) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery(statement).executeUpdate()))
                .rootCause()
                .hasMessageContaining("immutable")
                .hasMessageContaining(operation);
    }

    /** What only someone with the owner's rights can do: switch the guard off, change a row, switch it on again. */
    private void rewritePayload(long sequence, String payload) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("alter table ledger_entry disable trigger ledger_entry_immutable").executeUpdate();
            entityManager.createNativeQuery("update ledger_entry set payload = ?1 where sequence = ?2")
                    .setParameter(1, payload).setParameter(2, sequence).executeUpdate();
            entityManager.createNativeQuery("alter table ledger_entry enable trigger ledger_entry_immutable").executeUpdate();
        });
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
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("select sequence from ledger_head").getSingleResult()).longValue());
    }

    private String payloadOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select payload from ledger_entry where event_id = ?1")
                .setParameter(1, eventId).getSingleResult());
    }
}
