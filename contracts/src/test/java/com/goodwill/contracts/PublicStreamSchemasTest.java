package com.goodwill.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.ReviewAction;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.publicstream.PublicCompensationExecuted;
import com.goodwill.contracts.publicstream.PublicCompensationFailed;
import com.goodwill.contracts.publicstream.PublicCustomerMessageSent;
import com.goodwill.contracts.publicstream.PublicDecision;
import com.goodwill.contracts.publicstream.PublicDecisionReviewed;
import com.goodwill.contracts.publicstream.PublicIncident;
import com.goodwill.contracts.publicstream.PublicLedgerCheckpoint;
import com.goodwill.contracts.publicstream.PublicRemedy;
import com.goodwill.contracts.publicstream.PublicToleranceAlert;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
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
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public goodwill stream's schemas: one per public type, what the projection writes validates, and nothing on
 * them can carry personal data (no property a name, an address, an e-mail address, a phone number, a tracking number
 * or a person's free text would go into).
 */
class PublicStreamSchemasTest {

    /** Parts of a property name that mean personal data or free text a person wrote. */
    static final List<String> PERSONAL = List.of("name", "mail", "address", "street", "city", "postal", "zip", "phone",
            "iban", "birth", "tracking", "note", "narrative", "detail", "text", "actor", "fingerprint", "reference");
    /** Whole property names that mean free text (reasonCode is a code and stays allowed). */
    static final Set<String> PERSONAL_EXACT = Set.of("reason", "comment", "message");

    private static final Instant T = Instant.parse("2026-11-20T10:15:30.123456Z");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Object[]> everyPublicType() {
        Money value = Money.of(12_999, "EUR");
        PublicIncident incident = new PublicIncident("i1", "o1", 2, "s1", "DHL", IncidentClass.DELAY, Severity.MEDIUM,
                IncidentSource.CARRIER, 42L, null, T.plusSeconds(3_600), T, "cust-1", "DE", "web", value, T);
        List<PublicRemedy> credit = List.of(new PublicRemedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365));
        return Stream.of(
                new Object[]{EventTypes.PUBLIC_INCIDENT_OPENED, "o1", incident},
                new Object[]{EventTypes.PUBLIC_INCIDENT_ESCALATED, "o1", incident},
                new Object[]{EventTypes.PUBLIC_INCIDENT_RESOLVED, "o1", new PublicIncident("i1", "o1", 3, null, null,
                        IncidentClass.DELAYED_DISPATCH, Severity.LOW, IncidentSource.TIMER, null, null, null, null, null,
                        null, null, null, T)},
                new Object[]{EventTypes.PUBLIC_DECISION_MADE, "o1", new PublicDecision("d1", "i1", "o1", "cust-1",
                        DecisionOutcome.COMPENSATE, credit, "AUTO", "2026-11-23.1", "STORE_CREDIT_SHARE_OF_ORDER",
                        "CS-GOODWILL", null, null, false, IncidentClass.DELAY, "DE", "web", "new", T)},
                new Object[]{EventTypes.PUBLIC_DECISION_MADE, "o1", new PublicDecision("d2", "i1", "o1", "cust-1",
                        DecisionOutcome.NO_COMPENSATION, List.of(), "AUTO", "2026-11-23.1", "NO_PLAYBOOK", null, null, null,
                        false, null, null, null, null, T)},
                new Object[]{EventTypes.PUBLIC_DECISION_MADE, "o1", new PublicDecision("d3", "i1", "o1", "cust-1",
                        DecisionOutcome.PENDING_APPROVAL, List.of(new PublicRemedy(Instrument.FULL_REFUND, value, null)),
                        "SUPERVISOR", "2026-11-23.1", "HIGH_VALUE_LOST_PARCEL", "CS-GOODWILL", "supervisor",
                        T.plusSeconds(14_400), false, IncidentClass.LOST, "DE", "web", "high-value", T)},
                new Object[]{EventTypes.PUBLIC_DECISION_REVIEWED, "o1", new PublicDecisionReviewed("d3", "i1", "o1",
                        "cust-1", ReviewAction.ADJUSTED, "supervisor", credit, null, T)},
                new Object[]{EventTypes.PUBLIC_COMPENSATION_EXECUTED, "o1", new PublicCompensationExecuted("k1", "d1", "i1",
                        "o1", "cust-1", Instrument.STORE_CREDIT, Money.of(650, "EUR"), false, T)},
                new Object[]{EventTypes.PUBLIC_COMPENSATION_EXECUTED, "o1", new PublicCompensationExecuted("k2", "d1", "i1",
                        "o1", "cust-1", Instrument.VOUCHER, Money.of(1_000, "EUR"), true, T)},
                new Object[]{EventTypes.PUBLIC_COMPENSATION_FAILED, "o1", new PublicCompensationFailed("k3", "d1", "i1",
                        "o1", "cust-1", Instrument.FULL_REFUND, value, T)},
                new Object[]{EventTypes.PUBLIC_CUSTOMER_MESSAGE_SENT, "o1", new PublicCustomerMessageSent("m1", "k1", "d1",
                        "o1", "cust-1", "COMPENSATION_ANNOUNCED", "store-credit", "de", "EMAIL", T)},
                new Object[]{EventTypes.PUBLIC_TOLERANCE_ALERT, Subjects.tolerance("carrier", "DHL"),
                        new PublicToleranceAlert("a1", "carrier", "DHL", 0.0625, 0.05, 5, 80, T.minusSeconds(604_800), T, T)},
                new Object[]{EventTypes.PUBLIC_LEDGER_CHECKPOINT, Subjects.LEDGER, new PublicLedgerCheckpoint(1000,
                        "ab".repeat(32), T, "Ed25519", "audit-dev-1", Base64.getEncoder().encodeToString(new byte[64]))});
    }

    @Test
    void everyPublicTypeHasASchemaAndTheSampleListCoversEveryType() {
        assertThat(EventTypes.publicTypes()).hasSize(10);
        Set<String> sampled = new TreeSet<>();
        everyPublicType().forEach(row -> sampled.add((String) row[0]));
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventTypes.publicTypes());
        for (String type : EventTypes.publicTypes()) {
            assertThat(getClass().getResource("/schemas/" + type + ".schema.json")).as("schema for %s", type).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPublicType")
    void everyPublicEventMatchesTheEnvelopeAndItsSchema(String type, String subject, Object payload) throws Exception {
        EventEnvelope envelope = EventCodec.wrap("p1", type, "/goodwill/public-stream", subject, T, "i1", "e1", payload);
        String json = EventCodec.toJson(envelope);
        assertThat(errors("cloudevent-envelope.schema.json", json)).isEmpty();
        assertThat(errors(type + ".schema.json", EventCodec.mapper().writeValueAsString(envelope.data()))).isEmpty();
    }

    @Test
    void aPublicDecisionWithAnUnknownOutcomeIsRefusedAtItsField() throws Exception {
        String data = EventCodec.mapper().writeValueAsString(new PublicDecision("d1", "i1", "o1", null,
                DecisionOutcome.COMPENSATE, List.of(), "AUTO", "v1", "X", null, null, null, false, null, null, null, null, T))
                .replace("COMPENSATE", "MAYBE");
        assertThat(errors(EventTypes.PUBLIC_DECISION_MADE + ".schema.json", data))
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("outcome"));
    }

    @Test
    void noPublicSchemaHasAPropertyForPersonalData() throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode common = read("common.schema.json");
        for (String type : EventTypes.publicTypes()) {
            walk(type, read(type + ".schema.json"), common, "", problems, 0);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePersonalDataCheckFindsAnEmailAddressInsideAReferencedDefinition() throws IOException {
        // Guards the walk above against passing vacuously: the internal order.placed schema has customerEmail.
        List<String> problems = new ArrayList<>();
        walk("order.placed", read(EventTypes.ORDER_PLACED + ".schema.json"), read("common.schema.json"), "", problems, 0);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("customerEmail"));
    }

    /** Every property name of the schema, following $refs into common.schema.json. */
    private static void walk(String file, JsonNode node, JsonNode common, String path, List<String> problems, int depth) {
        if (depth > 32 || node == null || !node.isContainerNode()) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            String pointer = ref.substring(ref.indexOf('#') + 1);
            walk(file, common.at(pointer), common, path, problems, depth + 1);
        }
        node.path("properties").fields().forEachRemaining(p -> {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (PERSONAL_EXACT.contains(name) || PERSONAL.stream().anyMatch(name::contains)) {
                problems.add(file + ": property " + path + "/" + p.getKey() + " may carry personal data");
            }
            walk(file, p.getValue(), common, path + "/" + p.getKey(), problems, depth + 1);
        });
        for (String keyword : List.of("items", "oneOf", "anyOf", "allOf")) {
            JsonNode sub = node.get(keyword);
            if (sub != null && sub.isArray()) {
                sub.forEach(s -> walk(file, s, common, path, problems, depth + 1));
            } else if (sub != null) {
                walk(file, sub, common, path + "[]", problems, depth + 1);
            }
        }
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = PublicStreamSchemasTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return EventCodec.mapper().readTree(in);
        }
    }

    private static List<Error> errors(String schemaFile, String json) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:schemas/" + schemaFile));
        return schema.validate(json, InputFormat.JSON, context ->
                context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }
}
