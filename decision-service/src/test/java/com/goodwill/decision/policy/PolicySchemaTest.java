package com.goodwill.decision.policy;

import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.kit.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy schema accepts the shipped sample and names each error of a bad document at its exact JSON Pointer,
 * for the shape (schema) and for references between parts (segments, flags, roles, shares).
 */
class PolicySchemaTest {

    private static final String SAMPLE = Cases.sampleJson();

    @Test
    void shippedSamplePassesAndReadsAsDocumented() {
        assertThat(PolicySchema.errors(SAMPLE)).isEmpty();
        PolicyDocument sample = PolicyDocument.parse(SAMPLE);
        MarketRules rules = sample.rulesFor("DE").orElseThrow();
        assertThat(rules.costCentre()).isEqualTo("CS-GOODWILL");
        assertThat(rules.owner()).isEqualTo("customer-care");
        assertThat(rules.tiersFor("EUR")).isEqualTo(new MarketRules.TierThresholds(2500, 10000));
        assertThat(rules.tiersFor("CHF")).isEqualTo(new MarketRules.TierThresholds(2500, 10000));
        assertThat(sample.segments()).extracting(Segment::name).containsExactly("high-value", "at-risk", "regular", "new");
        assertThat(sample.playbooks().get(IncidentClass.DELAY).candidates()).extracting(Candidate::instrument)
                .containsExactly(Instrument.APOLOGY, Instrument.STORE_CREDIT, Instrument.PARTIAL_REFUND);
        assertThat(sample.approvals().roles()).extracting(Approvals.Role::name).containsExactly("supervisor", "goodwill-manager");
    }

    @Test
    void marketWithoutOwnRulesUsesTheDefaultAndADocumentWithoutEitherCoversNothing() {
        String nlOnly = SAMPLE.replace("\"*\": {\n      \"costCentre\"", "\"NL\": {\n      \"costCentre\"");
        assertThat(PolicySchema.errors(nlOnly)).isEmpty();
        PolicyDocument document = PolicyDocument.parse(nlOnly);
        assertThat(document.rulesFor("NL")).isPresent();
        assertThat(document.rulesFor("FR")).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            # what is replaced | by what | reported at
            "percentOfOrder": 5, "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | "percentOfOrder": 101, "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | /playbooks/DELAY/candidates/1/amount/percentOfOrder
            "percentOfOrder": 5, "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | "percentOfOrder": "five", "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | /playbooks/DELAY/candidates/1/amount/percentOfOrder
            "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | "capMinor": {"EUR": -1, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | /playbooks/DELAY/candidates/1/amount/capMinor/EUR
            "capMinor": {"EUR": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | "capMinor": {"euro": 2000, "GBP": 1800, "USD": 2200, "*": 2000}, "minMinor" | /playbooks/DELAY/candidates/1/amount/capMinor/euro
            "id": "delay-apology", "instrument": "APOLOGY" | "id": "delay-apology", "instrument": "HUG" | /playbooks/DELAY/candidates/0/instrument
            "costCentre": "CS-GOODWILL",\\n      "owner": "customer-care", | "costCentre": "CS-GOODWILL",\\n      "owner": "customer-care", "budget": 5, | /markets/*/budget
            "costCentre": "CS-GOODWILL",\\n      "owner": "customer-care", | "costCentre": "CS-GOODWILL", | /markets/*/owner
            "*": {\\n      "costCentre" | "de": {\\n      "costCentre" | /markets/de
            "DELAY": { | "LATE": { | /playbooks/LATE
            "reviewAtScore": 60, | "reviewAtScore": 101, | /risk/reviewAtScore
            "holdoutPercent": 10, | "holdoutPercent": 100, | /experiments/0/holdoutPercent
            "season": {"from": "12-01", "to": "01-06"} | "season": {"from": "12-32", "to": "01-06"} | /flags/winter-peak/season/from
            "onTimeout": "ESCALATE", | "onTimeout": "SHRUG", | /approvals/roles/0/onTimeout
            "whenExhausted": "APPROVAL" | "whenExhausted": "PANIC" | /budgets/0/whenExhausted
            "choiceHours": 24, | "choiceHours": 0, | /playbooks/NOT_RECEIVED/candidates/1/choiceHours
            """)
    void shapeErrorIsReportedAtItsExactPath(String replaced, String by, String path) {
        assertThat(paths(replace(replaced, by))).containsExactly(path);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            "when": {"segments": ["new", "regular", "at-risk"]} | "when": {"segments": ["new", "vip"]} | /playbooks/NOT_RECEIVED/candidates/0/when/segments/1
            "when": {"flag": "winter-peak", "maxDelayHours": 48} | "when": {"flag": "summer-peak", "maxDelayHours": 48} | /playbooks/DELAYED_DISPATCH/candidates/0/when/flag
            "EXPRESS_UPGRADE": "express-upgrade", | "EXPRESS_UPGRADE": "express", | /instrumentFlags/EXPRESS_UPGRADE
            {"name": "control", "share": 34, | {"name": "control", "share": 30, | /experiments/0/arms
            {"name": "control", "share": 34, | {"name": "holdout", "share": 34, | /experiments/0/arms/0/name
            "escalateTo": "goodwill-manager" | "escalateTo": "supervisor" | /approvals/roles/0/escalateTo
            "tiers": {"SUPERVISOR": "supervisor", | "tiers": {"SUPERVISOR": "team-lead", | /approvals/tiers/SUPERVISOR
            "EUR": {"autoUpToMinor": 2500, "supervisorUpToMinor": 10000} | "EUR": {"autoUpToMinor": 25000, "supervisorUpToMinor": 10000} | /markets/*/tiers/EUR/supervisorUpToMinor
            "channel": "*", "segment": "high-value", | "channel": "*", "segment": "gold", | /budgets/0/segment
            "when": {"maxDelayHours": 71}, | "when": {"minDelayHours": 80, "maxDelayHours": 71}, | /playbooks/DELAY/candidates/1/when/maxDelayHours
            "amount": {"fixedMinor": {"*": 300}}, "validForDays": 90, "reasonCode": "MICRO_CREDIT_STALLED" | "amount": {"fixedMinor": {"*": 300}, "percentOfOrder": 1}, "validForDays": 90, "reasonCode": "MICRO_CREDIT_STALLED" | /playbooks/STALLED/candidates/0/amount/fixedMinor
            "choiceHours": 24, | '' | /playbooks/NOT_RECEIVED/candidates/1/choiceHours
            "messageTemplate": "delay-store-credit", | "messageTemplate": "delay-store-credit", "choiceHours": 48, | /playbooks/DELAY/candidates/1/choiceHours
            """)
    void referenceThatDoesNotHoldIsReportedAtItsExactPath(String replaced, String by, String path) {
        List<Problem.FieldError> errors = PolicySchema.errors(replace(replaced, by));
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly(path);
    }

    @Test
    void segmentDefinedTwiceIsReportedAtTheSecondAndWhatNamedTheLostOneToo() {
        assertThat(paths(replace("{\"name\": \"new\"}", "{\"name\": \"regular\"}")))
                .containsExactly("/playbooks/NOT_RECEIVED/candidates/0/when/segments/0", "/segments/3/name");
    }

    @Test
    void everyRequiredPartIsNamedWhenMissing() {
        assertThat(paths("{}")).containsExactly("/approvals", "/economics", "/markets", "/playbooks", "/segments");
    }

    @Test
    void everyErrorOfADocumentIsReportedAtOnce() {
        String bad = replace("\"reviewAtScore\": 60,", "\"reviewAtScore\": -3,")
                .replace("\"costCentre\": \"CS-GOODWILL\"", "\"costCentre\": \"\"")
                .replace("\"marginPercent\": 30,", "");
        assertThat(paths(bad)).containsExactly("/economics/marginPercent", "/markets/*/costCentre", "/risk/reviewAtScore");
    }

    @Test
    void textThatIsNotJsonIsOneErrorAboutTheBody() {
        List<Problem.FieldError> errors = PolicySchema.errors("{\"markets\": ");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("(body)");
        assertThat(errors.get(0).message()).startsWith("is not valid JSON");
    }

    private static String replace(String replaced, String by) {
        String text = replaced.replace("\\n", "\n");
        assertThat(SAMPLE).as("sample text to replace").contains(text);
        return SAMPLE.replace(text, by.replace("\\n", "\n"));
    }

    private static List<String> paths(String json) {
        List<Problem.FieldError> errors = PolicySchema.errors(json);
        errors.forEach(e -> assertThat(e.message()).as("message of %s", e.field()).isNotBlank());
        return errors.stream().map(Problem.FieldError::field).distinct().toList();
    }
}
