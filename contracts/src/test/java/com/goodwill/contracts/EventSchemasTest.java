package com.goodwill.contracts;

import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.CarrierPayload;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.compensation.EntitlementGranted;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.decision.RiskFactor;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.PolicyActivated;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.goodwill.contracts.order.CustomerProblem;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.contracts.order.Shipment;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schemas describe exactly what the services put on the topics. */
class EventSchemasTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:30.123456Z");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Object[]> everyEventType() {
        Money value = Money.of(12_999, "EUR");
        OrderContext context = new OrderContext("cust-1", "DE", "web", "card", value, T);
        CaseFacts facts = new CaseFacts(IncidentClass.LOST, Severity.HIGH, IncidentSource.TIMER, IncidentLifecycle.OPENED,
                null, null, null, T, "DE", "web", "DHL", "JD1", true);
        return Stream.of(
                new Object[]{EventTypes.ORDER_PLACED, new OrderPlaced("e1", "o1", "cust-1", "DE", "web", "card", value,
                        List.of(new OrderItem("SKU-1", 1, value)), T, T)},
                new Object[]{EventTypes.ORDER_PLACED, new OrderPlaced("e1b", "o2", "cust-1", "DE", "app", "paypal", value,
                        List.of(new OrderItem("SKU-1", 1, value)), T, T, "kim@example.org", "de", "addr-fp-1", "pi-fp-1",
                        T.minusSeconds(86_400 * 400L), "Kim Weber")},
                new Object[]{EventTypes.ORDER_SHIPPED, new OrderShipped("e2", "o1",
                        List.of(new Shipment("s1", "DHL", "JD1", "standard", "DE", "FR")), T)},
                new Object[]{EventTypes.ORDER_DELIVERED, new OrderDelivered("e3", "o1", T)},
                new Object[]{EventTypes.ORDER_CANCELLED, new OrderCancelled("e4", "o1", "customer asked", T)},
                new Object[]{EventTypes.ORDER_RETURNED, new OrderReturned("e5", "o1", null, T)},
                new Object[]{EventTypes.CARRIER_TRACKING, new CarrierEvent("c1", "DHL", "JD1", TrackingStatus.DELAY_ANNOUNCED,
                        T, "Leipzig Hub", T.plusSeconds(86_400), "DLY", "delayed")},
                new Object[]{EventTypes.CARRIER_PAYLOAD, new CarrierPayload("ups", EventCodec.mapper().createObjectNode()
                        .set("trackResponse", EventCodec.mapper().createObjectNode()))},
                new Object[]{EventTypes.PROBLEM_REPORTED, new ProblemReported("e6", "o1", null, CustomerProblem.MISSING_ITEM,
                        "The charger was not in the box", List.of("SKU-1"), T)},
                new Object[]{EventTypes.INCIDENT_OPENED, new Incident("i1", IncidentLifecycle.OPENED, 1, "o1", "s1", "JD1", "DHL",
                        IncidentClass.PREDICTED_DELAY, Severity.LOW, IncidentSource.PREDICTION, 12L, 0.81, T,
                        "A delay of about 12 h is likely (81 %)", List.of("c1"), context, T)},
                new Object[]{EventTypes.INCIDENT_ESCALATED, new Incident("i1", IncidentLifecycle.ESCALATED, 2, "o1", "s1", "JD1",
                        "DHL", IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, T,
                        "DHL announced delivery 42 h after the promise", List.of("c1", "c2"), context, T)},
                new Object[]{EventTypes.INCIDENT_RESOLVED, new Incident("i2", IncidentLifecycle.RESOLVED, 3, null, null, "JD9",
                        "DHL", IncidentClass.INVALID_TRACKING_ID, Severity.LOW, IncidentSource.TIMER, null, null, null,
                        "Tracking number JD9 matched no order within 72 h", List.of("c9"), null, T)},
                new Object[]{EventTypes.DECISION_MADE, new DecisionMade("d1", "i1", "o1", "cust-1", DecisionOutcome.COMPENSATE,
                        List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"))), "AUTO", "config-1",
                        "STORE_CREDIT_SHARE_OF_ORDER", "CS-GOODWILL", "customer-care", "We add 6.50 EUR.", T)},
                new Object[]{EventTypes.DECISION_MADE, new DecisionMade("d2", "i1", "o1", "cust-1",
                        DecisionOutcome.PENDING_APPROVAL, List.of(new Remedy(Instrument.FULL_REFUND, value)), "SUPERVISOR",
                        "2026-11-23.1", "HIGH_VALUE_LOST_PARCEL", "CS-GOODWILL", "customer-care",
                        "The parcel is lost; we propose refunding the full 129.99 EUR.", T,
                        List.of(new Remedy(Instrument.EXPRESS_REPLACEMENT, Money.of(1_490, "EUR")),
                                new Remedy(Instrument.STORE_CREDIT, Money.of(14_000, "EUR"), 365, false)),
                        "supervisor", T.plusSeconds(14_400), facts, "high-value",
                        new RiskAssessment(35, List.of(new RiskFactor("CLAIMS_LAST_30_DAYS", 20, "2 claims in the last 30 days"),
                                new RiskFactor("ACCOUNT_AGE", 15, "account opened 9 days ago"))),
                        "memory-anchor-2026q4", "micro-credit", "DE/web/high-value/LOST", false, Money.of(500, "EUR"))},
                new Object[]{EventTypes.DECISION_REVIEWED, new DecisionReviewed("d2", "i1", "o1", "cust-1", ReviewAction.ADJUSTED,
                        "u-4711", "supervisor", "Customer already received a partial delivery",
                        List.of(new Remedy(Instrument.PARTIAL_REFUND, Money.of(6_000, "EUR"))), null, T)},
                new Object[]{EventTypes.COMPENSATION_REQUESTED, new CompensationRequested("k1", "d1", "i1", "o1", "cust-1",
                        Instrument.STORE_CREDIT, Money.of(650, "EUR"), "goodwill-k1", T)},
                new Object[]{EventTypes.COMPENSATION_REQUESTED, new CompensationRequested("k2", "d2", "i1", "o1", "cust-1",
                        Instrument.EXPRESS_REPLACEMENT, Money.of(1_490, "EUR"), "goodwill-k2", T, null, false,
                        List.of(new Remedy(Instrument.FULL_REFUND, value)), List.of(new Remedy(Instrument.VOUCHER,
                        Money.of(15_000, "EUR"), 180, false)), facts, "2026-11-23.1", "LOST_PARCEL", "lost-parcel", false)},
                new Object[]{EventTypes.CUSTOMER_NOTIFIED, new CustomerNotified("m1", "k1", "d1", "o1", "cust-1",
                        "COMPENSATION_ANNOUNCED", "store-credit", "de", "EMAIL", T)},
                new Object[]{EventTypes.ENTITLEMENT_GRANTED, new EntitlementGranted("en1", "k3", "o1", "cust-1",
                        Instrument.SUBSCRIPTION_EXTENSION, 30, T.plusSeconds(86_400 * 365L), T)},
                new Object[]{EventTypes.FULFILMENT_RECORDED, new FulfilmentRecorded("k1", "d1", "i1", "o1", "cust-1",
                        Instrument.STORE_CREDIT, Money.of(650, "EUR"), FulfilmentStatus.SUCCEEDED, "entry-1", "booked", T)},
                new Object[]{EventTypes.LEDGER_CHECKPOINT, new LedgerCheckpoint(1000, "ab".repeat(32), T,
                        LedgerCheckpoint.ALGORITHM, "audit-dev-1", Base64.getEncoder().encodeToString(new byte[64]))},
                new Object[]{EventTypes.TOLERANCE_ALERT, new ToleranceAlert("a1", ToleranceAlert.CARRIER, "DHL", 0.0625, 0.05,
                        5, 80, T.minusSeconds(7 * 86_400), T, T)},
                new Object[]{EventTypes.POLICY_ACTIVATED, new PolicyActivated("DE", "2026-11-23.2", "2026-11-23.1",
                        "pricing-team", T)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void everyEventAsPublishedMatchesTheEnvelopeAndItsPayloadSchema(String type, Object payload) throws Exception {
        String json = publish(type, payload);
        assertThat(errors("cloudevent-envelope.schema.json", json)).isEmpty();
        String data = EventCodec.mapper().writeValueAsString(EventCodec.mapper().readTree(json).get("data"));
        assertThat(errors(type + ".schema.json", data)).isEmpty();
    }

    @Test
    void everyEventTypeHasASchema() {
        assertThat(EventTypes.all()).hasSizeGreaterThan(15);
        for (String type : EventTypes.all()) {
            assertThat(EventSchemasTest.class.getResource("/schemas/" + type + ".schema.json"))
                    .as("schema for %s", type).isNotNull();
        }
    }

    @Test
    void incidentEventWhoseLifecycleContradictsItsTypeIsRefused() throws Exception {
        String json = publish(EventTypes.INCIDENT_ESCALATED, new Incident("i1", IncidentLifecycle.OPENED, 1, "o1", "s1", "JD1",
                "DHL", IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, T, "late", List.of(), null, T));
        String data = EventCodec.mapper().writeValueAsString(EventCodec.mapper().readTree(json).get("data"));
        assertThat(errors(EventTypes.INCIDENT_ESCALATED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("lifecycle"));
    }

    @Test
    void toleranceAlertForAnUnknownDimensionIsRefusedAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new ToleranceAlert("a1", "warehouse", "W1", 0.1, 0.05, 10, 100,
                T.minusSeconds(86_400), T, T));
        assertThat(errors(EventTypes.TOLERANCE_ALERT + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("dimension"));
    }

    @Test
    void firstPolicyActivationOfAMarketHasNoPreviousVersionAndAnUnknownMarketIsRefused() throws Exception {
        String first = EventCodec.mapper().writeValueAsString(new PolicyActivated("*", "2026-11-23.1", null, "decision-service", T));
        assertThat(errors(EventTypes.POLICY_ACTIVATED + ".schema.json", first)).isEmpty();
        String lowercase = EventCodec.mapper().writeValueAsString(new PolicyActivated("de", "2026-11-23.1", null, "ops", T));
        assertThat(errors(EventTypes.POLICY_ACTIVATED + ".schema.json", lowercase))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("market"));
    }

    @Test
    void adjustedOrRejectedReviewWithoutANoteIsRefusedAtTheNote() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new DecisionReviewed("d2", "i1", "o1", "cust-1",
                ReviewAction.REJECTED, "u-4711", "supervisor", null, List.of(), null, T));
        assertThat(errors(EventTypes.DECISION_REVIEWED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.toString()).contains("note"));
        String approved = EventCodec.mapper().writeValueAsString(new DecisionReviewed("d2", "i1", "o1", "cust-1",
                ReviewAction.APPROVED, "u-4711", "supervisor", null, List.of(), null, T));
        assertThat(errors(EventTypes.DECISION_REVIEWED + ".schema.json", approved)).isEmpty();
    }

    @Test
    void riskScoreAbove100IsRefusedAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new DecisionMade("d2", "i1", "o1", "cust-1",
                DecisionOutcome.NO_COMPENSATION, List.of(), "AUTO", "v1", "X", null, null, "n", T, List.of(), null, null,
                null, null, new RiskAssessment(101, List.of()), null, null, null, false, null));
        assertThat(errors(EventTypes.DECISION_MADE + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("score"));
    }

    @Test
    void invalidCustomerLanguageIsRefusedAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new OrderPlaced("e1", "o1", "cust-1", "DE", "web", "card",
                Money.of(100, "EUR"), List.of(), T, T, null, "German", null, null, null));
        assertThat(errors(EventTypes.ORDER_PLACED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("language"));
    }

    @Test
    void anOverlongCustomerNameIsRefusedAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new OrderPlaced("e1", "o1", "cust-1", "DE", "web", "card",
                Money.of(100, "EUR"), List.of(), T, T, null, "de", null, null, null, "x".repeat(201)));
        assertThat(errors(EventTypes.ORDER_PLACED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("customerName"));
    }

    @Test
    void negativeAmountIsRefusedByTheSchemaAtItsField() {
        String data = placedJson().replace("\"amountMinor\":12999", "\"amountMinor\":-1");
        assertThat(errors(EventTypes.ORDER_PLACED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("amountMinor"));
    }

    @Test
    void lowercaseCurrencyIsRefusedByTheSchemaAtItsField() {
        String data = placedJson().replace("\"currency\":\"EUR\"", "\"currency\":\"eur\"");
        assertThat(errors(EventTypes.ORDER_PLACED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("currency"));
    }

    @Test
    void unknownTrackingStatusIsRefusedByTheSchemaAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new CarrierEvent("c1", "DHL", "JD1", TrackingStatus.IN_TRANSIT,
                T, null, null, null, null)).replace("IN_TRANSIT", "TELEPORTED");
        assertThat(errors(EventTypes.CARRIER_TRACKING + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("status"));
    }

    @Test
    void missingRequiredFieldIsRefusedNamingTheField() {
        String data = placedJson().replace("\"orderId\":\"o1\",", "");
        assertThat(errors(EventTypes.ORDER_PLACED + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.toString()).contains("orderId"));
    }

    @Test
    void envelopeWithoutSubjectIsRefusedBySchema() throws Exception {
        String json = publish(EventTypes.ORDER_DELIVERED, new OrderDelivered("e3", "o1", T)).replace("\"subject\":\"o1\",", "");
        assertThat(errors("cloudevent-envelope.schema.json", json))
                .anySatisfy(e -> assertThat(e.toString()).contains("subject"));
    }

    @Test
    void orderEventsRoundTripWithTheirKindIsoTimesAndIntegerMoney() throws Exception {
        OrderEvent placed = new OrderPlaced("e1", "o1", "cust-1", "DE", "web", "card", Money.of(12_999, "EUR"), List.of(), T, T);
        String json = EventCodec.mapper().writerFor(OrderEvent.class).writeValueAsString(placed);
        assertThat(json).contains("\"kind\":\"placed\"").contains("\"occurredAt\":\"2026-11-20T10:15:30.123456Z\"")
                .contains("\"amountMinor\":12999");
        assertThat(EventCodec.mapper().readValue(json, OrderEvent.class)).isEqualTo(placed);
    }

    private static String placedJson() {
        try {
            return EventCodec.mapper().writeValueAsString(new OrderPlaced("e1", "o1", "cust-1", "DE", "web", "card",
                    Money.of(12_999, "EUR"), List.of(), T, T));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the services publish: through EventCodec, with the payload's own kind for order events. */
    private static String publish(String type, Object payload) throws Exception {
        Object data = payload instanceof OrderEvent
                ? EventCodec.mapper().readValue(EventCodec.mapper().writerFor(OrderEvent.class).writeValueAsString(payload), Map.class)
                : payload;
        EventEnvelope envelope = EventCodec.wrap(type, "/goodwill/tests", "o1", T, "i1", "c1", data);
        return EventCodec.toJson(envelope);
    }

    private static List<Error> errors(String schemaFile, String json) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:schemas/" + schemaFile));
        return schema.validate(json, InputFormat.JSON, context ->
                context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }
}
