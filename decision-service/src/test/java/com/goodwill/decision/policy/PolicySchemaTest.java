package com.goodwill.decision.policy;

import com.goodwill.kit.problem.Problem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy schema accepts the shipped sample and names each error of a bad document at its exact JSON Pointer. */
class PolicySchemaTest {

    private static final String VALID = """
            {"markets": {
              "*":  {"costCentre": "CS-GOODWILL", "owner": "customer-care",
                     "storeCredit": {"percent": 5, "capMinor": {"EUR": 2000}, "defaultCapMinor": 2000, "apologyBelowMinor": 1}},
              "DE": {"costCentre": "CS-DE", "owner": "care-de",
                     "storeCredit": {"percent": 7, "capMinor": {"EUR": 2500}, "defaultCapMinor": 2000, "apologyBelowMinor": 100}}
            }}
            """;

    @Test
    void shippedSamplePassesAndReadsAsTodaysNumbers() throws IOException {
        String sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("policy/sample-policy.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(PolicySchema.errors(sample)).isEmpty();
        MarketRules rules = PolicyDocument.parse(sample).rulesFor("DE").orElseThrow();
        assertThat(rules.costCentre()).isEqualTo("CS-GOODWILL");
        assertThat(rules.owner()).isEqualTo("customer-care");
        assertThat(rules.storeCredit()).isEqualTo(new StoreCreditRule(5,
                Map.of("EUR", 2000L, "GBP", 1800L, "USD", 2200L), 2000L, 1L));
    }

    @Test
    void validDocumentPassesAndAMarketsOwnRulesWinOverTheDefault() {
        assertThat(PolicySchema.errors(VALID)).isEmpty();
        PolicyDocument document = PolicyDocument.parse(VALID);
        assertThat(document.rulesFor("DE").orElseThrow().storeCredit().percent()).isEqualTo(7);
        assertThat(document.rulesFor("FR").orElseThrow().storeCredit().percent()).isEqualTo(5);
    }

    @Test
    void valueOutOfRangeIsReportedAtItsPath() {
        assertThat(paths(VALID.replace("\"percent\": 7", "\"percent\": 101")))
                .containsExactly("/markets/DE/storeCredit/percent");
    }

    @Test
    void wrongTypeIsReportedAtItsPath() {
        assertThat(paths(VALID.replace("\"percent\": 7", "\"percent\": \"seven\"")))
                .containsExactly("/markets/DE/storeCredit/percent");
        assertThat(paths(VALID.replace("\"percent\": 7", "\"percent\": 7.5")))
                .containsExactly("/markets/DE/storeCredit/percent");
    }

    @Test
    void negativeCapIsReportedAtItsCurrency() {
        assertThat(paths(VALID.replace("\"EUR\": 2500", "\"EUR\": -1"))).containsExactly("/markets/DE/storeCredit/capMinor/EUR");
    }

    @Test
    void missingFieldIsReportedWhereItBelongs() {
        assertThat(paths(VALID.replace("\"owner\": \"care-de\",", ""))).containsExactly("/markets/DE/owner");
        assertThat(paths("{}")).containsExactly("/markets");
    }

    @Test
    void unknownFieldIsReportedAtItsPath() {
        assertThat(paths(VALID.replace("\"owner\": \"care-de\",", "\"owner\": \"care-de\", \"budget\": 5,")))
                .containsExactly("/markets/DE/budget");
    }

    @Test
    void badMarketAndCurrencyNamesAreReportedAtTheName() {
        assertThat(paths(VALID.replace("\"DE\":", "\"de\":"))).contains("/markets/de");
        assertThat(paths(VALID.replace("\"EUR\": 2500", "\"euro\": 2500"))).contains("/markets/DE/storeCredit/capMinor/euro");
    }

    @Test
    void everyErrorOfADocumentIsReportedAtOnce() {
        String bad = VALID.replace("\"percent\": 7", "\"percent\": -3")
                .replace("\"defaultCapMinor\": 2000, \"apologyBelowMinor\": 100", "\"apologyBelowMinor\": 100")
                .replace("\"costCentre\": \"CS-GOODWILL\"", "\"costCentre\": \"\"");
        assertThat(paths(bad)).containsExactly("/markets/*/costCentre", "/markets/DE/storeCredit/defaultCapMinor",
                "/markets/DE/storeCredit/percent");
    }

    @Test
    void textThatIsNotJsonIsOneErrorAboutTheBody() {
        List<Problem.FieldError> errors = PolicySchema.errors("{\"markets\": ");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("(body)");
        assertThat(errors.get(0).message()).startsWith("is not valid JSON");
    }

    private static List<String> paths(String json) {
        List<Problem.FieldError> errors = PolicySchema.errors(json);
        errors.forEach(e -> assertThat(e.message()).as("message of %s", e.field()).isNotBlank());
        return errors.stream().map(Problem.FieldError::field).distinct().toList();
    }
}
