package com.goodwill.audit.publicstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.DecisionReviewed;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.PolicyActivated;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.decision.RiskFactor;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every internal event subscribers care about becomes its public form: valid against its published schema, with no
 * property the schema does not declare and none of the personal data or free text the internal event carried.
 */
class PublicProjectionTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:30.123456Z");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Personal data and free text planted in the internal events; none of it may reach the public stream. */
    private static final List<String> PLANTED = List.of("kim.meier@example.org", "Kim Meier", "Hauptstrasse 5",
            "JD014600006281", "VOUCHER-7F3K-SECRET", "u-4711");
    private static final Money VALUE = Money.of(12_999, "EUR");

    static Incident incident(IncidentLifecycle lifecycle, String orderId) {
        return new Incident("inc-1", lifecycle, 2, orderId, "shp-1", "JD014600006281", "DHL", IncidentClass.DELAY,
                Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, T.plusSeconds(3_600),
                "Kim Meier wrote from kim.meier@example.org that Hauptstrasse 5 got nothing", List.of("scan-1"),
                new OrderContext("cust-1", "DE", "web", "card", VALUE, T), T);
    }

    static DecisionMade decision(DecisionOutcome outcome) {
        CaseFacts facts = new CaseFacts(IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER,
                IncidentLifecycle.OPENED, 42L, null, null, T, "DE", "web", "DHL", "JD014600006281", true);
        List<Remedy> remedies = outcome == DecisionOutcome.NO_COMPENSATION ? List.of()
                : List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365, false));
        return new DecisionMade("dec-1", "inc-1", "ord-1", "cust-1", outcome, remedies,
                outcome == DecisionOutcome.PENDING_APPROVAL ? "SUPERVISOR" : "AUTO", "2026-11-23.1",
                outcome == DecisionOutcome.NO_COMPENSATION ? "NO_PLAYBOOK" : "STORE_CREDIT_SHARE_OF_ORDER", "CS-GOODWILL",
                "customer-care", "Kim Meier at Hauptstrasse 5 gets a credit", T, List.of(),
                outcome == DecisionOutcome.PENDING_APPROVAL ? "supervisor" : null,
                outcome == DecisionOutcome.PENDING_APPROVAL ? T.plusSeconds(14_400) : null, facts, "new",
                new RiskAssessment(35, List.of(new RiskFactor("SHARED_ADDRESS", 35, "Hauptstrasse 5 shared by 4 accounts"))),
                null, null, "2026-11/web/*/DELAY/EUR", false, null);
    }

    static FulfilmentRecorded fulfilment(FulfilmentStatus status) {
        return new FulfilmentRecorded("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", Instrument.VOUCHER, Money.of(1_000, "EUR"),
                status, "VOUCHER-7F3K-SECRET", "voucher mailed to kim.meier@example.org", T);
    }

    static EventEnvelope internal(String type, String subject, Object data) {
        return EventCodec.wrap("evt-" + type, type, "/goodwill/tests", subject, T, "inc-1", "cause-1", data);
    }

    /** internal type, its data, the public type it becomes. */
    static Stream<Object[]> projected() {
        return Stream.of(
                new Object[]{EventTypes.INCIDENT_OPENED, incident(IncidentLifecycle.OPENED, "ord-1"), EventTypes.PUBLIC_INCIDENT_OPENED},
                new Object[]{EventTypes.INCIDENT_ESCALATED, incident(IncidentLifecycle.ESCALATED, "ord-1"), EventTypes.PUBLIC_INCIDENT_ESCALATED},
                new Object[]{EventTypes.INCIDENT_RESOLVED, incident(IncidentLifecycle.RESOLVED, "ord-1"), EventTypes.PUBLIC_INCIDENT_RESOLVED},
                new Object[]{EventTypes.DECISION_MADE, decision(DecisionOutcome.COMPENSATE), EventTypes.PUBLIC_DECISION_MADE},
                new Object[]{EventTypes.DECISION_MADE, decision(DecisionOutcome.NO_COMPENSATION), EventTypes.PUBLIC_DECISION_MADE},
                new Object[]{EventTypes.DECISION_MADE, decision(DecisionOutcome.PENDING_APPROVAL), EventTypes.PUBLIC_DECISION_MADE},
                new Object[]{EventTypes.DECISION_REVIEWED, new DecisionReviewed("dec-1", "inc-1", "ord-1", "cust-1",
                        ReviewAction.ADJUSTED, "u-4711", "supervisor", "Kim Meier called, prefers credit",
                        List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(3_000, "EUR"))), null, T),
                        EventTypes.PUBLIC_DECISION_REVIEWED},
                new Object[]{EventTypes.FULFILMENT_RECORDED, fulfilment(FulfilmentStatus.SUCCEEDED), EventTypes.PUBLIC_COMPENSATION_EXECUTED},
                new Object[]{EventTypes.FULFILMENT_RECORDED, fulfilment(FulfilmentStatus.FULFILLED_BY_FALLBACK), EventTypes.PUBLIC_COMPENSATION_EXECUTED},
                new Object[]{EventTypes.FULFILMENT_RECORDED, fulfilment(FulfilmentStatus.FAILED), EventTypes.PUBLIC_COMPENSATION_FAILED},
                new Object[]{EventTypes.CUSTOMER_NOTIFIED, new CustomerNotified("msg-1", "cmd-1", "dec-1", "ord-1", "cust-1",
                        "COMPENSATION_ANNOUNCED", "store-credit", "de", "EMAIL", T), EventTypes.PUBLIC_CUSTOMER_MESSAGE_SENT},
                new Object[]{EventTypes.TOLERANCE_ALERT, new ToleranceAlert("alert-1", ToleranceAlert.CARRIER, "DHL", 0.0625,
                        0.05, 5, 80, T.minusSeconds(604_800), T, T), EventTypes.PUBLIC_TOLERANCE_ALERT},
                new Object[]{EventTypes.LEDGER_CHECKPOINT, new LedgerCheckpoint(1000, "ab".repeat(32), T, "Ed25519",
                        "audit-dev-2026", Base64.getEncoder().encodeToString(new byte[64])), EventTypes.PUBLIC_LEDGER_CHECKPOINT});
    }

    private static String subjectOf(String type) {
        return switch (type) {
            case EventTypes.TOLERANCE_ALERT -> Subjects.tolerance("carrier", "DHL");
            case EventTypes.LEDGER_CHECKPOINT -> Subjects.LEDGER;
            default -> "ord-1";
        };
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("projected")
    void projectedEventIsValidAgainstItsPublishedSchemaAndCarriesNoPersonalData(String type, Object data, String publicType)
            throws IOException {
        EventEnvelope source = internal(type, subjectOf(type), data);
        EventEnvelope projected = PublicProjection.project(source).orElseThrow();

        assertThat(projected.type()).isEqualTo(publicType);
        assertThat(projected.subject()).isEqualTo(source.subject());
        assertThat(projected.causationid()).isEqualTo(source.id());
        assertThat(projected.correlationid()).isEqualTo("inc-1");
        assertThat(projected.source()).isEqualTo(PublicProjection.SOURCE);
        String json = EventCodec.toJson(projected);
        assertThat(SCHEMAS.getSchema(SchemaLocation.of("classpath:schemas/cloudevent-envelope.schema.json"))
                .validate(json, InputFormat.JSON)).isEmpty();
        String payload = EventCodec.mapper().writeValueAsString(projected.data());
        assertThat(SCHEMAS.getSchema(SchemaLocation.of("classpath:schemas/" + publicType + ".schema.json"))
                .validate(payload, InputFormat.JSON, c -> c.executionConfig(x -> x.formatAssertionsEnabled(true))))
                .isEmpty();
        assertThat(undeclaredProperties(projected.data(), schema(publicType), "")).as("properties the schema does not declare")
                .isEmpty();
        assertThat(PLANTED).allSatisfy(planted -> assertThat(json).doesNotContain(planted));
    }

    @Test
    void projectingTheSameEventTwiceGivesTheSameIdAndADifferentEventAnother() {
        EventEnvelope source = internal(EventTypes.DECISION_MADE, "ord-1", decision(DecisionOutcome.COMPENSATE));
        EventEnvelope other = EventCodec.wrap("evt-other", EventTypes.DECISION_MADE, "/goodwill/tests", "ord-1", T,
                "inc-1", null, decision(DecisionOutcome.COMPENSATE));
        assertThat(PublicProjection.project(source).orElseThrow().id())
                .isEqualTo(PublicProjection.project(source).orElseThrow().id())
                .isNotEqualTo(PublicProjection.project(other).orElseThrow().id())
                .isNotEqualTo(source.id());
    }

    @Test
    void decisionsKeepOutcomeReasonAndWhatIsPendingForWhom() {
        JsonNode none = PublicProjection.project(internal(EventTypes.DECISION_MADE, "ord-1",
                decision(DecisionOutcome.NO_COMPENSATION))).orElseThrow().data();
        assertThat(none.path("outcome").asText()).isEqualTo("NO_COMPENSATION");
        assertThat(none.path("reasonCode").asText()).isEqualTo("NO_PLAYBOOK");
        assertThat(none.path("remedies")).isEmpty();
        JsonNode pending = PublicProjection.project(internal(EventTypes.DECISION_MADE, "ord-1",
                decision(DecisionOutcome.PENDING_APPROVAL))).orElseThrow().data();
        assertThat(pending.path("outcome").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.path("requiredRole").asText()).isEqualTo("supervisor");
        assertThat(pending.path("reviewDueAt").asText()).isEqualTo(T.plusSeconds(14_400).toString());
        assertThat(pending.at("/remedies/0/amount/amountMinor").asLong()).isEqualTo(650);
        assertThat(pending.path("market").asText()).isEqualTo("DE");
    }

    @Test
    void aFallbackIsAnExecutionByFallbackAndAFailureItsOwnType() {
        JsonNode fallback = PublicProjection.project(internal(EventTypes.FULFILMENT_RECORDED, "ord-1",
                fulfilment(FulfilmentStatus.FULFILLED_BY_FALLBACK))).orElseThrow().data();
        assertThat(fallback.path("byFallback").asBoolean()).isTrue();
        JsonNode succeeded = PublicProjection.project(internal(EventTypes.FULFILMENT_RECORDED, "ord-1",
                fulfilment(FulfilmentStatus.SUCCEEDED))).orElseThrow().data();
        assertThat(succeeded.path("byFallback").asBoolean()).isFalse();
        assertThat(PublicProjection.project(internal(EventTypes.FULFILMENT_RECORDED, "ord-1",
                fulfilment(FulfilmentStatus.FAILED))).orElseThrow().type()).isEqualTo(EventTypes.PUBLIC_COMPENSATION_FAILED);
    }

    @Test
    void intermediateStepsCommandsPolicyActivationsAndIncidentsWithoutAnOrderStayInside() {
        assertThat(PublicProjection.project(internal(EventTypes.FULFILMENT_RECORDED, "ord-1",
                fulfilment(FulfilmentStatus.RECEIVED)))).isEmpty();
        assertThat(PublicProjection.project(internal(EventTypes.FULFILMENT_RECORDED, "ord-1",
                fulfilment(FulfilmentStatus.EXECUTING)))).isEmpty();
        assertThat(PublicProjection.project(internal(EventTypes.COMPENSATION_REQUESTED, "ord-1",
                new CompensationRequested("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", Instrument.STORE_CREDIT,
                        Money.of(650, "EUR"), "goodwill-cmd-1", T)))).isEmpty();
        assertThat(PublicProjection.project(internal(EventTypes.POLICY_ACTIVATED, Subjects.policy("DE"),
                new PolicyActivated("DE", "2026-11-23.2", "2026-11-23.1", "pricing-team", T)))).isEmpty();
        assertThat(PublicProjection.project(internal(EventTypes.INCIDENT_OPENED, Subjects.tracking("DHL", "JD0001"),
                incident(IncidentLifecycle.OPENED, null)))).isEmpty();
    }

    @Test
    void dataThatDoesNotReadAsItsTypeIsMalformed() {
        EventEnvelope bad = EventCodec.wrap("evt-bad", EventTypes.DECISION_MADE, "/goodwill/tests", "ord-1", T, null, null,
                java.util.Map.of("decisionId", "d1", "outcome", "MAYBE"));
        assertThatThrownBy(() -> PublicProjection.project(bad)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("DecisionMade");
    }

    /** Paths of properties in the data that the schema (following $refs into common.schema.json) does not declare. */
    private static List<String> undeclaredProperties(JsonNode data, JsonNode schema, String path) throws IOException {
        List<String> found = new ArrayList<>();
        JsonNode common = schema("common");
        collect(data, schema, common, path, found);
        return found;
    }

    private static void collect(JsonNode data, JsonNode schema, JsonNode common, String path, List<String> found) {
        schema = resolve(schema, common);
        if (data.isObject()) {
            JsonNode properties = schema.path("properties");
            data.fields().forEachRemaining(field -> {
                if (!properties.has(field.getKey())) {
                    found.add(path + "/" + field.getKey());
                } else {
                    collect(field.getValue(), properties.get(field.getKey()), common, path + "/" + field.getKey(), found);
                }
            });
        } else if (data.isArray()) {
            JsonNode items = resolve(schema.path("items"), common);
            data.forEach(item -> collect(item, items, common, path + "[]", found));
        }
    }

    /** Follows $refs, and into the non-null branch of a {@code oneOf [X, null]}. */
    private static JsonNode resolve(JsonNode schema, JsonNode common) {
        for (int hops = 0; hops < 10; hops++) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                schema = common.at(ref.substring(ref.indexOf('#') + 1));
            } else if (schema.has("oneOf")) {
                JsonNode first = schema.get("oneOf").get(0);
                schema = first;
            } else {
                return schema;
            }
        }
        return schema;
    }

    private static JsonNode schema(String type) throws IOException {
        String file = type.equals("common") ? "common.schema.json" : type + ".schema.json";
        try (InputStream in = PublicProjectionTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return EventCodec.mapper().readTree(in);
        }
    }
}
