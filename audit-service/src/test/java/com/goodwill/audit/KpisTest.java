package com.goodwill.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.kpi.KpiMetrics;
import com.goodwill.audit.kpi.ToleranceMonitor;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.alert.ToleranceAlert;
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
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.Shipment;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * KPIs, gauges and tolerance alerts over the real ledger. Other test classes append to the same ledger, so this story
 * has ids, carriers, customers and a ten-day window of its own, and every expectation is about that window.
 */
@QuarkusTest
class KpisTest {

    private static final String SOURCE = "/goodwill/test";
    /** A window no other test uses: a random minute in 2031 to 2220. */
    private static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z")
            .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(100_000_000L)));
    private static final Instant T_END = T0.plus(Duration.ofDays(10));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CARRIER_A = "KPI-A-" + RUN;
    private static final String CARRIER_B = "KPI-B-" + RUN;

    private static final List<AuditEvents.Sent> PLACED = new ArrayList<>();
    private static final List<AuditEvents.Sent> REST = new ArrayList<>();
    private static final Map<String, OrderContext> CONTEXTS = new HashMap<>();
    private static boolean told;
    private static ConsumerTask<String, String> alerts;

    @Inject
    ToleranceMonitor monitor;
    @Inject
    KpiMetrics metrics;

    @BeforeAll
    static void listen() {
        alerts = PlatformTopics.listen(Topics.ALERTS);
    }

    @AfterAll
    static void close() {
        alerts.close();
    }

    /** Once per class, but after Quarkus started: a static @BeforeAll would run before the HTTP port is known. */
    @BeforeEach
    void tellTheStoryOnce() {
        if (!told) {
            tellTheStory();
            told = true;
        }
    }

    /**
     * Six orders in the window (EUR in DE and FR, GBP in GB), shipped with carrier A or B, and five incidents:
     * i1 compensated automatically after 30 min (5.00 EUR; its succeeded step arrives twice) and reopened by i5 on the
     * same order two days later; i2 compensated automatically after 2 h (3.00 EUR), its customer orders again 20 days
     * later; i3 compensated after 30 h on a person's decision (10.00 EUR), its customer orders again only 95 days
     * later; i4 decided automatically but its compensation failed (GBP); i5 not decided.
     */
    private static void tellTheStory() {
        order("o1", "c1", "DE", "web", "EUR", CARRIER_A, 0);
        order("o2", "c2", "DE", "app", "EUR", CARRIER_A, 1);
        order("o3", "c3", "FR", "web", "EUR", CARRIER_B, 2);
        order("o4", "c4", "GB", "web", "GBP", CARRIER_B, 3);
        order("o5", "c5", "GB", "app", "GBP", CARRIER_A, 4);
        order("o6", "c6", "DE", "web", "EUR", CARRIER_A, 5);

        compensated("i1", "o1", CARRIER_A, "AUTO", "R1-" + RUN, 60, 90, 500, FulfilmentStatus.SUCCEEDED);
        REST.add(fulfilment("i1", "o1", 95, 500, FulfilmentStatus.SUCCEEDED));
        compensated("i2", "o2", CARRIER_A, "AUTO", "R1-" + RUN, 120, 240, 300, FulfilmentStatus.SUCCEEDED);
        compensated("i3", "o3", CARRIER_B, "TEAM_LEAD", "R2-" + RUN, 180, 180 + 30 * 60, 1000, FulfilmentStatus.SUCCEEDED);
        compensated("i4", "o4", CARRIER_B, "AUTO", "R2-" + RUN, 240, 250, 800, FulfilmentStatus.FAILED);
        REST.add(incident("i5", "o1", CARRIER_A, 2 * 24 * 60));
        // Later orders: outside the window, they count only as repurchases (c2 within 90 days, c3 not).
        placed("o7", "c2", "DE", "web", "EUR", 20 * 24 * 60);
        placed("o8", "c3", "FR", "web", "EUR", 180 + 30 * 60 + 95 * 24 * 60);

        PLACED.forEach(AuditEvents::produce);
        PLACED.forEach(AuditEvents::awaitInLedger);
        // After the placements, as in production, so that shipments and steps take market and customer from them.
        REST.forEach(AuditEvents::produce);
        REST.forEach(AuditEvents::awaitInLedger);
    }

    @Test
    void resolutionTimesAndSharesOfTheWindowsCases() throws IOException {
        JsonNode resolution = kpis().get("resolution");

        assertThat(resolution.get("cases").asLong()).isEqualTo(5);
        assertThat(resolution.get("resolved").asLong()).isEqualTo(3);
        // Resolved after 1,800 s, 7,200 s and 108,000 s: nearest rank p50 is the 2nd, p90 and p99 the 3rd.
        assertThat(resolution.get("p50Seconds").asLong()).isEqualTo(7_200);
        assertThat(resolution.get("p90Seconds").asLong()).isEqualTo(108_000);
        assertThat(resolution.get("p99Seconds").asLong()).isEqualTo(108_000);
        assertThat(resolution.get("automated").asLong()).isEqualTo(2);
        assertThat(resolution.get("automatedShare").asDouble()).isEqualTo(0.4);
        assertThat(resolution.get("resolvedWithin1hShare").asDouble()).isEqualTo(0.2);
        assertThat(resolution.get("resolvedWithin24hShare").asDouble()).isEqualTo(0.4);
        List<Long> histogram = new ArrayList<>();
        resolution.get("histogram").forEach(b -> histogram.add(b.get("count").asLong()));
        assertThat(histogram).containsExactly(0L, 0L, 0L, 1L, 1L, 0L, 1L, 0L, 0L);
    }

    @Test
    void goodwillPerCaseAndPerThousandOrdersPerCurrencyAndSegment() throws IOException {
        JsonNode report = kpis();

        // EUR: 5.00 + 3.00 + 10.00 (the repeated step once) over 4 cases and 4 orders; GBP: nothing paid.
        assertThat(costs(report.get("cost"))).containsExactly(
                "EUR cases=4 compensated=3 total=1800 perCase=450 orders=4 perThousand=450000",
                "GBP cases=1 compensated=0 total=0 perCase=0 orders=2 perThousand=0");
        JsonNode breakdown = report.get("breakdown");
        assertThat(costs(segment(breakdown.get("carrier"), CARRIER_A).get("cost"))).containsExactly(
                "EUR cases=3 compensated=2 total=800 perCase=267 orders=3 perThousand=266667",
                "GBP cases=0 compensated=0 total=0 perCase=null orders=1 perThousand=0");
        assertThat(costs(segment(breakdown.get("carrier"), CARRIER_B).get("cost"))).containsExactly(
                "EUR cases=1 compensated=1 total=1000 perCase=1000 orders=1 perThousand=1000000",
                "GBP cases=1 compensated=0 total=0 perCase=0 orders=1 perThousand=0");
        assertThat(costs(segment(breakdown.get("reasonCode"), "R1-" + RUN).get("cost"))).containsExactly(
                "EUR cases=2 compensated=2 total=800 perCase=400 orders=4 perThousand=200000",
                "GBP cases=0 compensated=0 total=0 perCase=null orders=2 perThousand=0");
        assertThat(segment(breakdown.get("reasonCode"), null).get("cases").asLong()).isEqualTo(1);
        assertThat(costs(segment(breakdown.get("market"), "DE").get("cost"))).containsExactly(
                "EUR cases=3 compensated=2 total=800 perCase=267 orders=3 perThousand=266667");
        assertThat(costs(segment(breakdown.get("channel"), "app").get("cost"))).containsExactly(
                "EUR cases=1 compensated=1 total=300 perCase=300 orders=1 perThousand=300000",
                "GBP cases=0 compensated=0 total=0 perCase=null orders=1 perThousand=0");
        assertThat(segment(breakdown.get("channel"), "web").get("cases").asLong()).isEqualTo(4);
    }

    @Test
    void reopenAndRepurchaseRatesOfTheCompensatedCases() throws IOException {
        JsonNode report = kpis();

        // Of 3 compensated cases, i1's order had a new incident afterwards and i2's customer ordered again in 90 days.
        assertThat(report.get("reopen").get("compensatedCases").asLong()).isEqualTo(3);
        assertThat(report.get("reopen").get("count").asLong()).isEqualTo(1);
        assertThat(report.get("reopen").get("rate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(report.get("repurchase").get("count").asLong()).isEqualTo(1);
        assertThat(report.get("repurchase").get("rate").asDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void gaugesShowTheLastRefreshedWindow() {
        metrics.refresh(T_END);

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(scrape, "goodwill_kpi_cases", null)).isEqualTo(5.0);
        assertThat(gauge(scrape, "goodwill_kpi_automation_share", null)).isEqualTo(0.4);
        assertThat(gauge(scrape, "goodwill_kpi_resolution_seconds", "percentile=\"p90\"")).isEqualTo(108_000.0);
        assertThat(gauge(scrape, "goodwill_kpi_resolved_within_share", "within=\"1h\"")).isEqualTo(0.2);
        assertThat(gauge(scrape, "goodwill_kpi_goodwill_per_thousand_orders", "currency=\"EUR\"")).isEqualTo(450_000.0);
        assertThat(gauge(scrape, "goodwill_kpi_cost_per_case", "currency=\"EUR\"")).isEqualTo(450.0);
        assertThat(gauge(scrape, "goodwill_kpi_reopen_rate", null)).isEqualTo(1.0 / 3);
    }

    @Test
    void rateOverTheLimitRaisesOneAlertPerValueAndWindowOnTheAlertsTopic() throws IOException {
        // Window P7D up to T0 + 3 days: carrier A has 3 incidents on 4 shipped orders, market DE 3 on 3; carrier B and
        // the other markets have fewer orders than the minimum of 3 (test configuration).
        Instant check = T0.plus(Duration.ofDays(3));
        List<ToleranceAlert> raised = monitor.check(check);
        List<ToleranceAlert> ours = raised.stream()
                .filter(a -> a.value().equals(CARRIER_A) || a.value().equals(CARRIER_B) || a.dimension().equals("market"))
                .toList();
        assertThat(ours).extracting(ToleranceAlert::dimension, ToleranceAlert::value, ToleranceAlert::incidents,
                ToleranceAlert::orders, ToleranceAlert::incidentRate, ToleranceAlert::limit).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("carrier", CARRIER_A, 3L, 4L, 0.75, 0.05),
                org.assertj.core.groups.Tuple.tuple("market", "DE", 3L, 3L, 1.0, 0.05));

        // The same window again, and the window one step later (still overlapping): nothing new.
        assertThat(monitor.check(check)).isEmpty();
        assertThat(monitor.check(check.plus(Duration.ofHours(1)))).isEmpty();

        String key = Subjects.tolerance("carrier", CARRIER_A);
        await().atMost(WAIT).until(() -> !PlatformTopics.recordsFor(alerts, key).isEmpty());
        List<ConsumerRecord<String, String>> records = PlatformTopics.recordsFor(alerts, key);
        assertThat(records).hasSize(1);
        JsonNode event = EventCodec.mapper().readTree(records.get(0).value());
        assertThat(event.get("type").asText()).isEqualTo(EventTypes.TOLERANCE_ALERT);
        assertThat(event.get("id").asText()).isEqualTo(ours.get(0).dimension().equals("carrier")
                ? ours.get(0).alertId() : ours.get(1).alertId());
        assertThat(event.get("data").get("incidentRate").asDouble()).isEqualTo(0.75);
        assertThat(Instant.parse(event.get("data").get("windowEnd").asText())).isBeforeOrEqualTo(check)
                .isAfter(check.minus(Duration.ofHours(1)));

        JsonNode listed = EventCodec.mapper().readTree(given().queryParam("dimension", "carrier").queryParam("value", CARRIER_A)
                .get("/api/kpis/alerts").then().statusCode(200).extract().asString());
        assertThat(listed.get("alerts")).hasSize(1);
        assertThat(listed.get("alerts").get(0).get("orders").asLong()).isEqualTo(4);
        assertThat(PlatformTopics.recordsFor(alerts, key)).hasSize(1);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        given().queryParam("from", T_END.toString()).queryParam("to", T0.toString()).get("/api/kpis")
                .then().statusCode(400);
        given().queryParam("from", "yesterday").get("/api/kpis").then().statusCode(400);
        given().queryParam("dimension", "warehouse").get("/api/kpis/alerts").then().statusCode(400);
    }

    private static JsonNode kpis() throws IOException {
        return EventCodec.mapper().readTree(given().queryParam("from", T0.toString()).queryParam("to", T_END.toString())
                .get("/api/kpis").then().statusCode(200).extract().asString());
    }

    private static JsonNode segment(JsonNode segments, String value) {
        for (JsonNode s : segments) {
            if (value == null ? s.get("value").isNull() : value.equals(s.get("value").asText())) {
                return s;
            }
        }
        throw new AssertionError("No segment " + value + " in " + segments);
    }

    private static List<String> costs(JsonNode costs) {
        List<String> lines = new ArrayList<>();
        costs.forEach(c -> lines.add(c.get("currency").asText() + " cases=" + c.get("cases").asLong()
                + " compensated=" + c.get("compensatedCases").asLong() + " total=" + c.get("totalMinor").asLong()
                + " perCase=" + text(c.get("perCaseMinor")) + " orders=" + c.get("orders").asLong()
                + " perThousand=" + text(c.get("perThousandOrdersMinor"))));
        return lines;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asText();
    }

    /** The value of the scrape's line for the gauge (with the label, when given). */
    private static double gauge(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && (label == null || line.contains(label))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("No gauge " + name + " " + label + " in the scrape");
    }

    private static void order(String order, String customer, String market, String channel, String currency,
                              String carrier, int minute) {
        placed(order, customer, market, channel, currency, minute);
        String id = order + "-" + RUN;
        REST.add(send(Topics.ORDER_EVENTS, EventTypes.ORDER_SHIPPED, id, minute + 10, null, new OrderShipped(
                "shipped-" + id, id, List.of(new Shipment("shp-" + id, carrier, "TRK-" + id, "standard", "DE", market)),
                at(minute + 10))));
    }

    private static void placed(String order, String customer, String market, String channel, String currency, int minute) {
        String id = order + "-" + RUN;
        Money value = Money.of(10_000, currency);
        CONTEXTS.put(id, new OrderContext(customer + "-" + RUN, market, channel, "card", value, at(minute + 3 * 24 * 60)));
        PLACED.add(send(Topics.ORDER_EVENTS, EventTypes.ORDER_PLACED, id, minute, null, new OrderPlaced("placed-" + id, id,
                customer + "-" + RUN, market, channel, "card", value, List.of(), at(minute + 3 * 24 * 60), at(minute))));
    }

    private static void compensated(String incident, String order, String carrier, String tier, String reason,
                                    int openedMinute, int fulfilledMinute, long amount, FulfilmentStatus status) {
        REST.add(incident(incident, order, carrier, openedMinute));
        String incidentId = incident + "-" + RUN;
        String orderId = order + "-" + RUN;
        OrderContext context = CONTEXTS.get(orderId);
        REST.add(send(Topics.DECISIONS, EventTypes.DECISION_MADE, orderId, openedMinute + 1, incidentId, new DecisionMade(
                "dec-" + incidentId, incidentId, orderId, context.customerId(), DecisionOutcome.COMPENSATE,
                List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(amount, context.orderValue().currency()))), tier,
                "config-1", reason, "CS-GOODWILL", "customer-care", "because", at(openedMinute + 1))));
        REST.add(fulfilment(incident, order, fulfilledMinute, amount, status));
    }

    private static AuditEvents.Sent incident(String incident, String order, String carrier, int minute) {
        String incidentId = incident + "-" + RUN;
        String orderId = order + "-" + RUN;
        return send(Topics.INCIDENTS, EventTypes.INCIDENT_OPENED, orderId, minute, incidentId, new Incident(incidentId,
                IncidentLifecycle.OPENED, 1, orderId, "shp-" + orderId, "TRK-" + orderId, carrier, IncidentClass.DELAY,
                Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, at(minute + 2 * 24 * 60), "42 h late", List.of(),
                CONTEXTS.get(orderId), at(minute)));
    }

    /** A step of the command for the incident's decision; the same command's steps share its id. */
    private static AuditEvents.Sent fulfilment(String incident, String order, int minute, long amount, FulfilmentStatus status) {
        String incidentId = incident + "-" + RUN;
        String orderId = order + "-" + RUN;
        OrderContext context = CONTEXTS.get(orderId);
        return send(Topics.FULFILMENT_RESULTS, EventTypes.FULFILMENT_RECORDED, orderId, minute, incidentId,
                new FulfilmentRecorded("cmd-" + incidentId, "dec-" + incidentId, incidentId, orderId, context.customerId(),
                        Instrument.STORE_CREDIT, Money.of(amount, context.orderValue().currency()), status, "entry-1",
                        "step", at(minute)));
    }

    private static AuditEvents.Sent send(String topic, String type, String orderId, int minute, String incidentId,
                                         Object payload) {
        return new AuditEvents.Sent(topic, EventCodec.wrap(type, SOURCE, orderId, at(minute), incidentId, null, payload));
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }
}
