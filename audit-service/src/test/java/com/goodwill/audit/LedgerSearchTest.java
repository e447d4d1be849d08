package com.goodwill.audit;

import com.goodwill.audit.ledger.EntryFacets;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerHash;
import com.goodwill.audit.verifier.OfflineVerifier;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.CarrierPayload;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.order.CustomerProblem;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.contracts.order.Shipment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer and decision timelines, and the search over the entries' facts with its exports. Other test classes
 * append to the same ledger, so this class's story has ids, a carrier, a reason code and a time window of its own,
 * and every expectation is about them.
 */
@QuarkusTest
class LedgerSearchTest {

    private static final Money VALUE = Money.of(12_999, "EUR");
    private static final String SOURCE = "/goodwill/test";

    /** A window no other test uses: a random minute in 2031 to 2220. */
    private static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z")
            .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(100_000_000L)));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CUSTOMER = "cust-" + RUN;
    private static final String OTHER_CUSTOMER = "cust-other-" + RUN;
    private static final String ORDER = "ord-a-" + RUN;
    private static final String SECOND_ORDER = "ord-b-" + RUN;
    private static final String OTHER_ORDER = "ord-c-" + RUN;
    private static final String CARRIER = "CARRIER-" + RUN;
    private static final String TRACKING = "TRK-" + RUN;
    private static final String REASON = "REASON-" + RUN;
    private static final String INCIDENT = "inc-" + RUN;
    private static final String DECISION = "dec-" + RUN;

    /** The story, by name, as sent. */
    private static final Map<String, AuditEvents.Sent> SENT = new HashMap<>();
    private static boolean told;

    @Inject
    EntityManager entityManager;

    /**
     * Two orders of one customer (one in FR with a parcel, an incident, a decision and its execution; one in DE
     * delivered), and another customer's order in the same window. Each order's placement is in the ledger before
     * its later events, as in production, so those later events take customer and market from it.
     */
    /** Once per class, but after Quarkus started: a static @BeforeAll would run before the HTTP port is known. */
    @BeforeEach
    void tellTheStoryOnce() {
        if (!told) {
            tellTheStory();
            told = true;
        }
    }

    private static void tellTheStory() {
        put("placed", Topics.ORDER_EVENTS, EventTypes.ORDER_PLACED, ORDER, at(0), null, null,
                new OrderPlaced("placed-" + ORDER, ORDER, CUSTOMER, "FR", "web", "card", VALUE, List.of(), at(72 * 60), at(0)));
        put("otherPlaced", Topics.ORDER_EVENTS, EventTypes.ORDER_PLACED, OTHER_ORDER, at(5), null, null,
                new OrderPlaced("placed-" + OTHER_ORDER, OTHER_ORDER, OTHER_CUSTOMER, "FR", "web", "card", VALUE, List.of(),
                        at(72 * 60), at(5)));
        put("secondPlaced", Topics.ORDER_EVENTS, EventTypes.ORDER_PLACED, SECOND_ORDER, at(10), null, null,
                new OrderPlaced("placed-" + SECOND_ORDER, SECOND_ORDER, CUSTOMER, "DE", "app", "invoice", VALUE, List.of(),
                        at(72 * 60), at(10)));
        for (String name : List.of("placed", "otherPlaced", "secondPlaced")) {
            produce(SENT.get(name));
        }
        for (String name : List.of("placed", "otherPlaced", "secondPlaced")) {
            awaitInLedger(SENT.get(name));
        }

        // A scan before the order shipped is about the parcel; a raw carrier payload likewise.
        put("earlyScan", Topics.CARRIER_EVENTS, EventTypes.CARRIER_TRACKING, Subjects.tracking(CARRIER, TRACKING), at(30),
                null, null, new CarrierEvent("scan-early-" + RUN, CARRIER, TRACKING, TrackingStatus.PICKED_UP, at(30),
                        "Lille", null, "PU", "picked up"));
        put("rawPayload", Topics.CARRIER_EVENTS, EventTypes.CARRIER_PAYLOAD, Subjects.tracking(CARRIER, TRACKING), at(31),
                null, null, new CarrierPayload("ups", EventCodec.mapper().createObjectNode().put("raw", "as sent")));
        put("shipped", Topics.ORDER_EVENTS, EventTypes.ORDER_SHIPPED, ORDER, at(60), null, null,
                new OrderShipped("shipped-" + ORDER, ORDER, List.of(new Shipment("shp-" + RUN, CARRIER, TRACKING,
                        "standard", "FR", "FR")), at(60)));
        put("scan", Topics.CARRIER_EVENTS, EventTypes.CARRIER_TRACKING, ORDER, at(120), null, null,
                new CarrierEvent("scan-" + RUN, CARRIER, TRACKING, TrackingStatus.DELAY_ANNOUNCED, at(120), "Paris, hub \"Nord\"",
                        at(5000), "DLY", "delayed"));
        put("problem", Topics.ORDER_EVENTS, EventTypes.PROBLEM_REPORTED, ORDER, at(150), null, null,
                new ProblemReported("problem-" + RUN, ORDER, "shp-" + RUN, CustomerProblem.DAMAGED,
                        "She said \"crushed, wet\",\nand sent a photo", List.of(), at(150)));
        String scanId = SENT.get("scan").event().id();
        put("incident", Topics.INCIDENTS, EventTypes.INCIDENT_OPENED, ORDER, at(180), INCIDENT, scanId,
                new Incident(INCIDENT, IncidentLifecycle.OPENED, 1, ORDER, "shp-" + RUN, TRACKING, CARRIER,
                        IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, at(5000), "42 h late",
                        List.of(scanId), new OrderContext(CUSTOMER, "FR", "web", "card", VALUE, at(72 * 60)), at(180)));
        String incidentEventId = SENT.get("incident").event().id();
        put("decision", Topics.DECISIONS, EventTypes.DECISION_MADE, ORDER, at(181), INCIDENT, incidentEventId,
                new DecisionMade(DECISION, INCIDENT, ORDER, CUSTOMER, DecisionOutcome.COMPENSATE,
                        List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"))), "AUTO", "config-1", REASON,
                        "CS-GOODWILL", "customer-care", "5 %, because the parcel is late", at(181)));
        put("otherDecision", Topics.DECISIONS, EventTypes.DECISION_MADE, ORDER, at(181), INCIDENT, incidentEventId,
                new DecisionMade(DECISION + "-superseded", INCIDENT, ORDER, CUSTOMER, DecisionOutcome.NO_COMPENSATION,
                        List.of(), "AUTO", "config-0", "OTHER-" + RUN, "CS-GOODWILL", "customer-care", "none", at(181)));
        put("command", Topics.COMPENSATION_COMMANDS, EventTypes.COMPENSATION_REQUESTED, ORDER, at(182), INCIDENT, null,
                new CompensationRequested("cmd-" + RUN, DECISION, INCIDENT, ORDER, CUSTOMER, Instrument.STORE_CREDIT,
                        Money.of(650, "EUR"), "key-" + RUN, at(182)));
        put("executing", Topics.FULFILMENT_RESULTS, EventTypes.FULFILMENT_RECORDED, ORDER, at(183), INCIDENT, null,
                fulfilment(FulfilmentStatus.EXECUTING, at(183)));
        put("succeeded", Topics.FULFILMENT_RESULTS, EventTypes.FULFILMENT_RECORDED, ORDER, at(184), INCIDENT, null,
                fulfilment(FulfilmentStatus.SUCCEEDED, at(184)));
        put("secondDelivered", Topics.ORDER_EVENTS, EventTypes.ORDER_DELIVERED, SECOND_ORDER, at(1440), null, null,
                new OrderDelivered("delivered-" + SECOND_ORDER, SECOND_ORDER, at(1440)));
        List<String> rest = List.of("earlyScan", "rawPayload", "shipped", "scan", "problem", "incident", "decision",
                "otherDecision", "command", "executing", "succeeded", "secondDelivered");
        for (String name : rest) {
            produce(SENT.get(name));
        }
        for (String name : rest) {
            awaitInLedger(SENT.get(name));
        }
    }

    @Test
    void customerTimelineHoldsEveryEntryOfTheCustomersOrdersInEventTimeOrder() {
        JsonPath timeline = given().get("/api/timeline/customers/{id}", CUSTOMER).then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getString("customerId")).isEqualTo(CUSTOMER);
        assertThat(timeline.getList("entries.eventId", String.class)).containsExactly(ids("placed", "secondPlaced",
                "earlyScan", "rawPayload", "shipped", "scan", "problem", "incident", "decision", "otherDecision",
                "command", "executing", "succeeded", "secondDelivered"));
        assertThat(timeline.getInt("count")).isEqualTo(14);
        assertThat(timeline.getString("entries[0].source")).isEqualTo(SOURCE);
        assertThat(timeline.getString("entries[0].type")).isEqualTo(EventTypes.ORDER_PLACED);
        assertThat(timeline.getString("entries[0].data.customerId")).isEqualTo(CUSTOMER);

        JsonPath other = given().get("/api/timeline/customers/{id}", OTHER_CUSTOMER).then().statusCode(200).extract().jsonPath();
        assertThat(other.getList("entries.eventId", String.class)).containsExactly(ids("otherPlaced"));
        assertThat(given().get("/api/timeline/customers/{id}", "cust-never-seen-" + RUN).then().statusCode(200)
                .extract().jsonPath().getInt("count")).isZero();
    }

    @Test
    void decisionTimelineShowsWhatItWasMadeOnTheDecisionAndEachStepExecutingIt() {
        JsonPath timeline = given().get("/api/timeline/decisions/{id}", DECISION).then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getString("decisionId")).isEqualTo(DECISION);
        assertThat(timeline.getList("entries.eventId", String.class))
                .containsExactly(ids("incident", "decision", "command", "executing", "succeeded"));
        assertThat(timeline.getString("entries[1].data.reasonCode")).isEqualTo(REASON);
        assertThat(timeline.getString("entries[4].data.status")).isEqualTo("SUCCEEDED");
        assertThat(given().get("/api/timeline/decisions/{id}", "dec-never-seen-" + RUN).then().statusCode(200)
                .extract().jsonPath().getInt("count")).isZero();
    }

    /** Events on different partitions reach the ledger in any order, so a search's append order is not asserted here. */
    @Test
    void searchByEachFilterFindsExactlyTheMatchingEntries() {
        assertThat(search("orderId", ORDER)).containsExactlyInAnyOrder(ids("placed", "shipped", "scan", "problem", "incident",
                "decision", "otherDecision", "command", "executing", "succeeded"));
        // Customer: stated by the event, or the order's (the scan, the problem report, the delivery).
        assertThat(search("customerId", CUSTOMER)).containsExactlyInAnyOrder(ids("placed", "secondPlaced", "shipped", "scan",
                "problem", "incident", "decision", "otherDecision", "command", "executing", "succeeded", "secondDelivered"));
        // The parcel's scans before and after shipping, the shipment and the incident name the carrier.
        assertThat(search("carrier", CARRIER)).containsExactlyInAnyOrder(ids("earlyScan", "rawPayload", "shipped", "scan", "incident"));
        assertThat(search("reasonCode", REASON)).containsExactlyInAnyOrder(ids("decision"));
        // Market: stated by the placement and the incident, the order's for the rest; in this story's window only.
        assertThat(search("market", "FR", "from", at(0).toString(), "to", at(1441).toString()))
                .containsExactlyInAnyOrder(ids("placed", "otherPlaced", "shipped", "scan", "problem", "incident", "decision",
                        "otherDecision", "command", "executing", "succeeded"));
        assertThat(search("market", "DE", "from", at(0).toString(), "to", at(1441).toString()))
                .containsExactlyInAnyOrder(ids("secondPlaced", "secondDelivered"));
        assertThat(search("type", EventTypes.DECISION_MADE, "from", at(0).toString(), "to", at(1441).toString()))
                .containsExactlyInAnyOrder(ids("decision", "otherDecision"));
        assertThat(search("type", EventTypes.ORDER_PLACED, "type", EventTypes.ORDER_DELIVERED,
                "from", at(0).toString(), "to", at(1441).toString()))
                .containsExactlyInAnyOrder(ids("placed", "otherPlaced", "secondPlaced", "secondDelivered"));
        // From is inclusive, to exclusive.
        assertThat(search("from", at(60).toString(), "to", at(181).toString()))
                .containsExactlyInAnyOrder(ids("shipped", "scan", "problem", "incident"));
        assertThat(search("customerId", CUSTOMER, "type", EventTypes.ORDER_PLACED, "market", "DE")).containsExactlyInAnyOrder(ids("secondPlaced"));
    }

    @Test
    void searchAnswersEachEntryWithItsFacts() {
        JsonPath page = given().queryParam("reasonCode", REASON).get("/api/ledger/entries")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(page.getString("next")).isNull();
        assertThat(page.getString("entries[0].eventId")).isEqualTo(SENT.get("decision").event().id());
        assertThat(page.getString("entries[0].type")).isEqualTo(EventTypes.DECISION_MADE);
        assertThat(page.getString("entries[0].source")).isEqualTo(SOURCE);
        assertThat(page.getString("entries[0].facts.customerId")).isEqualTo(CUSTOMER);
        assertThat(page.getString("entries[0].facts.market")).isEqualTo("FR");
        assertThat(page.getString("entries[0].facts.decisionId")).isEqualTo(DECISION);
        assertThat(page.getString("entries[0].data.narrative")).isEqualTo("5 %, because the parcel is late");
    }

    @Test
    void pagesWalkTheWholeRangeWithoutGapsOrRepeats() {
        List<Long> all = given().queryParam("customerId", CUSTOMER).queryParam("limit", 1000).get("/api/ledger/entries")
                .then().statusCode(200).extract().jsonPath().getList("entries.sequence", Long.class);
        assertThat(all).hasSize(12).isSorted().doesNotHaveDuplicates();

        List<Long> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            var request = given().queryParam("customerId", CUSTOMER).queryParam("limit", 5);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/ledger/entries").then().statusCode(200).extract().jsonPath();
            List<Long> sequences = page.getList("entries.sequence", Long.class);
            walked.addAll(sequences);
            pageSizes.add(sequences.size());
            after = page.getString("next");
            if (after != null) {
                assertThat(Long.parseLong(after)).isEqualTo(sequences.get(sequences.size() - 1));
            }
        } while (after != null);
        assertThat(walked).isEqualTo(all);
        assertThat(pageSizes).containsExactly(5, 5, 2);
    }

    @Test
    void csvExportHasAHeaderAndQuotesPerRfc4180() throws Exception {
        Response response = given().queryParam("orderId", ORDER).queryParam("format", "csv").queryParam("limit", 2)
                .get("/api/ledger/entries");
        response.then().statusCode(200);
        assertThat(response.contentType()).startsWith("text/csv");
        String csv = response.asString();
        assertThat(csv).startsWith("sequence,time,type,source,subject,eventId,orderId,customerId,incidentId,decisionId,"
                + "carrier,trackingNumber,market,reasonCode,incidentClass,correlationId,causationId,entryHash,data\r\n");

        List<List<String>> rows = parseCsv(csv);
        assertThat(rows).hasSize(11).allSatisfy(row -> assertThat(row).hasSize(19));
        // The limit pages JSON only: the export streams the whole range.
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(5)).containsExactlyInAnyOrder(ids("placed",
                "shipped", "scan", "problem", "incident", "decision", "otherDecision", "command", "executing", "succeeded"));
        assertThat(rows.subList(1, rows.size())).extracting(row -> Long.parseLong(row.get(0))).isSorted();
        List<String> problem = rows.stream().filter(row -> row.get(5).equals(SENT.get("problem").event().id()))
                .findFirst().orElseThrow();
        assertThat(problem.get(7)).isEqualTo(CUSTOMER);
        assertThat(problem.get(12)).isEqualTo("FR");
        assertThat(EventCodec.mapper().readTree(problem.get(18)).get("description").asText())
                .isEqualTo("She said \"crushed, wet\",\nand sent a photo");
        // A field with quotes and commas is quoted, its quotes doubled.
        assertThat(csv).contains(",\"{\"\"kind\"\":\"\"problem-reported\"\",\"\"eventId\"\":\"\"problem-" + RUN + "\"\",");
    }

    @Test
    void jsonLinesExportIsInTheExportFormatAndEachLineVerifies() throws Exception {
        Response response = given().queryParam("customerId", CUSTOMER).queryParam("format", "jsonl").get("/api/ledger/entries");
        response.then().statusCode(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<ExportedEntry> entries = new ArrayList<>();
        for (String line : response.asString().split("\n")) {
            entries.add(EventCodec.mapper().readValue(line, ExportedEntry.class));
        }
        assertThat(entries).extracting(ExportedEntry::sequence).isSorted();
        assertThat(entries).extracting(ExportedEntry::eventId).containsExactlyInAnyOrder(ids("placed", "secondPlaced", "shipped",
                "scan", "problem", "incident", "decision", "otherDecision", "command", "executing", "succeeded",
                "secondDelivered"));
        // Each line links to its predecessor's hash and hashes to what it says, as the offline verifier checks it.
        assertThat(entries).allSatisfy(e -> assertThat(LedgerHash.brokenLink(e.previousHash(), e.previousHash(),
                e.event(), e.entryHash())).isNull());

        // Unfiltered, it is the whole chain, which the offline verifier accepts as it is.
        String whole = given().queryParam("format", "jsonl").get("/api/ledger/entries").then().statusCode(200)
                .extract().asString();
        OfflineVerifier.Result result = OfflineVerifier.verify(new BufferedReader(new StringReader(whole)));
        assertThat(result.intact()).as("%s", result).isTrue();
        assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(awaitInLedger(SENT.get("secondDelivered")));
    }

    @Test
    void badParameterIsAProblemNamingIt() {
        assertBadRequest("from", "yesterday");
        assertBadRequest("to", "2026-13-01T00:00:00Z");
        assertBadRequest("type", "com.goodwill.order.teleported.v1");
        assertBadRequest("limit", "0");
        assertBadRequest("limit", "1001");
        assertBadRequest("limit", "many");
        assertBadRequest("after", "-1");
        assertBadRequest("format", "xml");
        given().queryParam("from", at(10).toString()).queryParam("to", at(10).toString()).get("/api/ledger/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
    }

    /** The migration's SQL extraction (which backfilled older entries) says what EntryFacets says, for every entry. */
    @Test
    void backfillRulesInSqlAgreeWithEntryFacets() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select e.payload, v.order_id, v.customer_id, v.incident_id, v.decision_id, v.carrier, v.tracking_number,
                       v.market, v.reason_code, v.incident_class
                from ledger_facet_from_payload v join ledger_entry e on e.sequence = v.sequence""").getResultList());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(SENT.size());
        for (Object[] row : rows) {
            EntryFacets java = EntryFacets.of(EventCodec.parse((String) row[0]));
            EntryFacets sql = new EntryFacets((String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9]);
            assertThat(sql).as("facets of %s", row[0]).isEqualTo(java);
        }
    }

    private static void assertBadRequest(String parameter, String value) {
        given().queryParam(parameter, value).get("/api/ledger/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(parameter));
    }

    /** Event ids of the search's whole answer (one page of up to 1000). */
    private static List<String> search(String... parameters) {
        var request = given().queryParam("limit", 1000);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/ledger/entries").then().statusCode(200).extract().jsonPath()
                .getList("entries.eventId", String.class);
    }

    private static String[] ids(String... names) {
        return java.util.Arrays.stream(names).map(n -> SENT.get(n).event().id()).toArray(String[]::new);
    }

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static void put(String name, String topic, String type, String subject, Instant time, String correlationId,
                            String causationId, Object payload) {
        SENT.put(name, new AuditEvents.Sent(topic, EventCodec.wrap(type + "-" + name + "-" + RUN, type, SOURCE, subject,
                time, correlationId, causationId, payload)));
    }

    private static FulfilmentRecorded fulfilment(FulfilmentStatus status, Instant at) {
        return new FulfilmentRecorded("cmd-" + RUN, DECISION, INCIDENT, ORDER, CUSTOMER, Instrument.STORE_CREDIT,
                Money.of(650, "EUR"), status, "entry-" + RUN, "store credit " + status, at);
    }

    /** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote opens a field only at its start").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare line feed outside quotes").isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(field).as("text after the last CRLF").isEmpty();
        return rows;
    }
}
