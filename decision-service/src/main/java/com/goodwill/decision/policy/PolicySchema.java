package com.goodwill.decision.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.kit.problem.Problem;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks a policy document against {@code policy/goodwill-policy.schema.json} (draft 2020-12). Each error names the
 * exact place in the document as a JSON Pointer ({@code /playbooks/DELAY/candidates/1/amount/percentOfOrder}), so whoever wrote it can
 * fix every mistake in one round.
 */
public final class PolicySchema {

    public static final String LOCATION = "classpath:policy/goodwill-policy.schema.json";

    /** Keywords that report at the object; the property they are about is the more exact place. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "propertyNames",
            "unevaluatedProperties");

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()))
            .getSchema(SchemaLocation.of(LOCATION));

    private PolicySchema() {
    }

    /** Every error of the document, sorted by path; empty when the document is valid. */
    public static List<Problem.FieldError> errors(String json) {
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(new Problem.FieldError("(body)", "is not valid JSON: " + e.getOriginalMessage()));
        }
        List<Problem.FieldError> errors = SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(PolicySchema::toFieldError)
                .distinct()
                .toList();
        if (errors.isEmpty()) {
            // References between parts (segments, flags, roles) are checked once the shape is right.
            errors = PolicyConsistency.errors(tree);
        }
        return errors.stream()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    private static Problem.FieldError toFieldError(Error error) {
        String path = error.getInstanceLocation().toString();
        if (PROPERTY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null
                && !path.endsWith("/" + error.getProperty())) {
            path = path + "/" + error.getProperty();
        }
        return new Problem.FieldError(path, error.getMessage());
    }
}
