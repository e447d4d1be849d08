package com.goodwill.audit;

import com.goodwill.audit.ledger.Ledger;
import com.goodwill.audit.ledger.LedgerWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ledger's size, its appends and its last verification, as /q/metrics shows them. */
@QuarkusTest
class LedgerMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Inject
    Ledger ledger;
    @Inject
    EntityManager entityManager;
    @Inject
    Clock clock;

    @Test
    void appendedCounterCountsCommittedEntriesAndTheSizeGaugeFollowsTheLedger() {
        double before = metric(scrape(), "goodwill_ledger_appended_total");
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(60));

        Ledger.BatchAppend result = ledger.appendBatch(java.util.List.of(received(placed), received(delivered),
                received(placed)));

        assertThat(result.appended()).isEqualTo(2);
        String scrape = scrape();
        // The consumer may append other test classes' events meanwhile: at least ours were counted.
        assertThat(metric(scrape, "goodwill_ledger_appended_total")).isGreaterThanOrEqualTo(before + 2);
        assertThat(metric(scrape, "goodwill_ledger_entries")).isGreaterThanOrEqualTo(result.size());
        await().atMost(WAIT).untilAsserted(() -> {
            long size = ledgerSize();
            double gauge = metric(scrape(), "goodwill_ledger_entries");
            assertThat(ledgerSize()).isEqualTo(size);
            assertThat(gauge).isEqualTo(size);
        });
    }

    @Test
    void verificationGaugesShowWhenTheChainWasLastVerifiedAndThatItWasIntact() {
        Instant before = clock.instant();
        JsonPath verification = given().get("/api/ledger/verification").then().statusCode(200).extract().jsonPath();
        assertThat(verification.getBoolean("intact")).isTrue();

        String scrape = scrape();
        assertThat(metric(scrape, "goodwill_ledger_verification_intact")).isEqualTo(1.0);
        assertThat(metric(scrape, "goodwill_ledger_verification_entries"))
                .isEqualTo(verification.getLong("entriesChecked"));
        assertThat(metric(scrape, "goodwill_ledger_verification_last_seconds"))
                .isGreaterThanOrEqualTo(before.getEpochSecond());
        assertThat(metric(scrape, "goodwill_ledger_verification_duration_seconds")).isGreaterThan(0.0);
        assertThat(metric(scrape, "goodwill_ledger_verification_first_broken")).isNaN();
    }

    private static LedgerWriter.Received received(AuditEvents.Sent sent) {
        return new LedgerWriter.Received(sent.topic(), 0, 0, sent.json());
    }

    private long ledgerSize() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select coalesce(max(sequence), 0) from ledger_entry").getSingleResult()).longValue());
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("No metric " + name + " in the scrape");
    }
}
