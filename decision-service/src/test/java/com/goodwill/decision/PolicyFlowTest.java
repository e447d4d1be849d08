package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.PolicyActivated;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.service.PolicyService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/** Policy versions over REST, activation as an event, and decisions made by the version in force; real broker and database. */
@QuarkusTest
class PolicyFlowTest {

    /** A market no other test decides for, so activating versions here changes nobody else's decisions. */
    private static final String MARKET = "NL";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConsumerTask<String, String> decisions;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void subscribe() {
        decisions = listen(Topics.DECISIONS);
    }

    @AfterAll
    static void close() {
        decisions.close();
    }

    @Test
    void shippedSampleIsActiveForEveryMarketFromTheFirstStart() {
        String version = given().queryParam("market", "*").get("/api/policies/active").then()
                .statusCode(200)
                .body("market", is("*"))
                .body("activatedBy", is("decision-service"))
                .extract().path("version");
        given().get("/api/policies/{version}", version).then()
                .statusCode(200)
                .body("version", matchesPattern("\\d{4}-\\d{2}-\\d{2}\\.\\d+"))
                .body("createdBy", is("decision-service"))
                .body("document.markets.'*'.costCentre", is("CS-GOODWILL"))
                .body("document.playbooks.DELAY.candidates[1].instrument", is("STORE_CREDIT"))
                .body("document.playbooks.DELAY.candidates[1].amount.percentOfOrder", is(5))
                .body("document.playbooks.DELAY.candidates[1].amount.capMinor.EUR", is(2000))
                .body("document.playbooks.DELAY.candidates[1].amount.capMinor.GBP", is(1800))
                .body("document.playbooks.DELAY.candidates[1].amount.capMinor.USD", is(2200))
                .body("document.playbooks.DELAY.candidates[1].amount.capMinor.'*'", is(2000));
        given().get("/api/policies").then().statusCode(200).body("version", hasItem(version));
    }

    @Test
    void createdVersionIsA201WithItsHashAndCanBeReadBack() {
        String document = policy(9, 3000, "CS-NL");
        String version = given().contentType("application/json").queryParam("createdBy", "pricing-team").body(document)
                .post("/api/policies").then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/policies/\\d{4}-\\d{2}-\\d{2}\\.\\d+$"))
                .body("createdBy", is("pricing-team"))
                .body("contentHash", is(sha256(document)))
                .extract().path("version");
        given().get("/api/policies/{version}", version).then()
                .statusCode(200)
                .body("document.playbooks.DELAY.candidates[1].amount.percentOfOrder", is(9))
                .body("contentHash", is(sha256(document)));
        given().contentType("application/json").body(document).post("/api/policies/validate").then()
                .statusCode(200).body("valid", is(true)).body("contentHash", is(sha256(document)));
    }

    @Test
    void invalidDocumentIsA400ProblemNamingEveryErrorByPathAndIsNotStored() {
        String bad = policy(101, -5, "");
        int before = given().get("/api/policies").then().statusCode(200).extract().path("size()");
        for (String path : List.of("/api/policies", "/api/policies/validate")) {
            given().contentType("application/json").queryParam("createdBy", "pricing-team").body(bad).post(path).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", is(400))
                    .body("errors.field", containsInAnyOrder("/markets/NL/costCentre",
                            "/playbooks/DELAY/candidates/1/amount/capMinor/EUR",
                            "/playbooks/DELAY/candidates/1/amount/percentOfOrder"));
        }
        given().get("/api/policies").then().statusCode(200).body("size()", is(before));
        given().contentType("application/json").body(policy(9, 3000, "CS-NL")).post("/api/policies").then()
                .statusCode(400).body("errors.field", hasItem("createdBy"));
    }

    @Test
    void activationIsAnEventAndDecidesFromThenOnRollbackRestoresThePreviousVersion() {
        String first = create(policy(10, 5000, "CS-NL-A"));
        String second = create(policy(20, 5000, "CS-NL-B"));

        given().contentType("application/json").body("{\"market\":\"" + MARKET + "\",\"activatedBy\":\"ops-a\"}")
                .post("/api/policies/{version}/activations", first).then().statusCode(201).body("version", is(first));
        given().contentType("application/json").body("{\"market\":\"" + MARKET + "\",\"activatedBy\":\"ops-b\"}")
                .post("/api/policies/{version}/activations", second).then()
                .statusCode(201)
                .body("version", is(second))
                .body("previousVersion", is(first))
                .body("kind", is("ACTIVATION"));
        PolicyActivated activated = awaitActivation(second, "ops-b");
        assertThat(activated.previousVersion()).isEqualTo(first);
        given().queryParam("market", MARKET).get("/api/policies/active").then()
                .statusCode(200).body("market", is(MARKET)).body("version", is(second));

        // 20 % of 100.00 EUR under the second version.
        DecisionMade underSecond = decide(Money.of(10_000, "EUR"));
        assertThat(underSecond.policyVersion()).isEqualTo(second);
        assertThat(underSecond.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(2000, "EUR"), 365, false));
        assertThat(underSecond.costCentre()).isEqualTo("CS-NL-B");
        assertThat(underSecond.narrative()).contains("20 % of the order value");

        given().contentType("application/json").body("{\"activatedBy\":\"ops-c\"}")
                .post("/api/policies/activations/{market}/rollback", MARKET).then()
                .statusCode(201)
                .body("version", is(first))
                .body("previousVersion", is(second))
                .body("kind", is("ROLLBACK"));
        PolicyActivated rolledBack = awaitActivation(first, "ops-c");
        assertThat(rolledBack.previousVersion()).isEqualTo(second);
        given().queryParam("market", MARKET).get("/api/policies/active").then()
                .statusCode(200).body("version", is(first));

        // 10 % of 100.00 EUR under the first version again.
        DecisionMade underFirst = decide(Money.of(10_000, "EUR"));
        assertThat(underFirst.policyVersion()).isEqualTo(first);
        assertThat(underFirst.remedies()).containsExactly(new Remedy(Instrument.STORE_CREDIT, Money.of(1000, "EUR"), 365, false));
        assertThat(underFirst.costCentre()).isEqualTo("CS-NL-A");
    }

    @Test
    void activationRefusesUnknownVersionsBadMarketsAndVersionsThatDoNotCoverTheMarket() {
        given().contentType("application/json").body("{\"market\":\"NL\",\"activatedBy\":\"ops\"}")
                .post("/api/policies/{version}/activations", "1999-01-01.1").then().statusCode(404);
        String nlOnly = create(policy(9, 3000, "CS-NL"));
        given().contentType("application/json").body("{\"market\":\"nl\",\"activatedBy\":\"\"}")
                .post("/api/policies/{version}/activations", nlOnly).then()
                .statusCode(400).body("errors.field", containsInAnyOrder("market", "activatedBy"));
        given().contentType("application/json").body("{\"market\":\"FR\",\"activatedBy\":\"ops\"}")
                .post("/api/policies/{version}/activations", nlOnly).then()
                .statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("market"));
        given().contentType("application/json").body("{\"activatedBy\":\"ops\"}")
                .post("/api/policies/activations/{market}/rollback", "ZZ").then()
                .statusCode(409).contentType("application/problem+json");
        given().queryParam("market", "Dutch").get("/api/policies/active").then()
                .statusCode(400).body("errors.field", hasItem("market"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAVersion() {
        String version = create(policy(9, 3000, "CS-NL"));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update policy_version set document = ?1 where version = ?2")
                .setParameter(1, policy(50, 99_999, "CS-NL")).setParameter(2, version).executeUpdate()))
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("policy_version is immutable: UPDATE refused");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from policy_version where version = ?1")
                .setParameter(1, version).executeUpdate()))
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("policy_version is immutable: DELETE refused");
        given().get("/api/policies/{version}", version).then()
                .statusCode(200).body("document.playbooks.DELAY.candidates[1].amount.percentOfOrder", is(9))
                .body("contentHash", is(sha256(policy(9, 3000, "CS-NL"))));
    }

    /**
     * The shipped sample for NL only, with the DELAY playbook's store credit at {@code percent} capped at {@code eurCap}
     * in EUR, and customers valued over 20 years so that even 20 % of a small order pays for itself.
     */
    private static String policy(int percent, long eurCap, String costCentre) {
        String sample;
        try (var in = PolicyFlowTest.class.getClassLoader().getResourceAsStream("policy/sample-policy.json")) {
            sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String storeCredit = "\"percentOfOrder\": 5, \"capMinor\": {\"EUR\": 2000, \"GBP\": 1800, \"USD\": 2200, \"*\": 2000}, "
                + "\"minMinor\": {\"*\": 1}},\n          \"when\": {\"maxDelayHours\": 71}";
        String market = "\"*\": {\n      \"costCentre\": \"CS-GOODWILL\"";
        assertThat(sample).contains(storeCredit, market, "\"lifetimeYears\": 3,");
        return sample.replace(market, "\"NL\": {\n      \"costCentre\": \"" + costCentre + "\"")
                .replace(storeCredit, storeCredit.replace("\"percentOfOrder\": 5", "\"percentOfOrder\": " + percent)
                        .replace("\"EUR\": 2000", "\"EUR\": " + eurCap))
                .replace("\"lifetimeYears\": 3,", "\"lifetimeYears\": 20,")
                .replace("Sample policy shipped with decision-service", "NL test policy");
    }

    private static String create(String document) {
        return given().contentType("application/json").queryParam("createdBy", "pricing-team").body(document)
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    private static PolicyActivated awaitActivation(String version, String activatedBy) {
        String key = "policy:" + MARKET;
        await().atMost(WAIT).until(() -> activations(key).stream()
                .anyMatch(a -> a.version().equals(version) && a.activatedBy().equals(activatedBy)));
        EventEnvelope event = recordsFor(decisions, key).stream().map(r -> EventCodec.parse(r.value()))
                .filter(e -> EventCodec.dataAs(e, PolicyActivated.class).activatedBy().equals(activatedBy)
                        && EventCodec.dataAs(e, PolicyActivated.class).version().equals(version))
                .findFirst().orElseThrow();
        assertThat(event.type()).isEqualTo(EventTypes.POLICY_ACTIVATED);
        assertThat(event.subject()).isEqualTo(key);
        PolicyActivated activated = EventCodec.dataAs(event, PolicyActivated.class);
        assertThat(activated.market()).isEqualTo(MARKET);
        assertThat(activated.activatedAt()).isNotNull();
        return activated;
    }

    private static List<PolicyActivated> activations(String key) {
        return recordsFor(decisions, key).stream()
                .map(r -> EventCodec.dataAs(EventCodec.parse(r.value()), PolicyActivated.class)).toList();
    }

    private static DecisionMade decide(Money orderValue) {
        String orderId = "ord-" + UUID.randomUUID();
        Instant promised = Instant.parse("2026-11-20T18:00:00Z");
        Incident incident = new Incident("inc-" + UUID.randomUUID(), IncidentLifecycle.OPENED, 1, orderId, "shp-1", "TRK1",
                "PostNL", IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 30L, null,
                promised.plusSeconds(30 * 3600), "30 h late", List.of("evt-1"),
                new OrderContext("cust-nl", MARKET, "web", "card", orderValue, promised), promised.minusSeconds(3600));
        publish(Topics.INCIDENTS, EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake", orderId,
                incident.detectedAt(), incident.incidentId(), null, incident));
        await().atMost(WAIT).until(() -> !recordsFor(decisions, orderId).isEmpty());
        ConsumerRecord<String, String> record = recordsFor(decisions, orderId).get(0);
        return EventCodec.dataAs(EventCodec.parse(record.value()), DecisionMade.class);
    }

    private static String sha256(String text) {
        return PolicyService.contentHash(text);
    }
}
