package com.goodwill.decision.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.kit.problem.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a JSON Schema cannot express: names that must refer to something the document defines (segments, flags,
 * roles), shares that must add up, thresholds that must be in order. Runs on a document that passed the schema;
 * each error names its exact JSON Pointer, like the schema's.
 */
final class PolicyConsistency {

    private final JsonNode root;
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final Set<String> segments = new HashSet<>();
    private final Set<String> flags = new HashSet<>();

    private PolicyConsistency(JsonNode root) {
        this.root = root;
    }

    static List<Problem.FieldError> errors(JsonNode root) {
        PolicyConsistency check = new PolicyConsistency(root);
        check.run();
        return check.errors;
    }

    private void run() {
        root.path("flags").fieldNames().forEachRemaining(flags::add);
        JsonNode segmentList = root.path("segments");
        for (int i = 0; i < segmentList.size(); i++) {
            String name = segmentList.get(i).path("name").asText();
            if (!segments.add(name)) {
                error("/segments/" + i + "/name", "names a segment defined before");
            }
            amount(segmentList.get(i).path("memoryAnchor").path("amount"), "/segments/" + i + "/memoryAnchor/amount");
        }
        fields(root.path("markets"), (market, rules) -> fields(rules.path("tiers"), (currency, tiers) -> {
            if (tiers.path("autoUpToMinor").asLong() > tiers.path("supervisorUpToMinor").asLong()) {
                error("/markets/" + market + "/tiers/" + currency + "/supervisorUpToMinor",
                        "must not be below autoUpToMinor");
            }
        }));
        fields(root.path("playbooks"), (incidentClass, playbook) -> {
            String path = "/playbooks/" + incidentClass;
            flag(playbook.path("flag"), path + "/flag");
            candidates(playbook.path("candidates"), path + "/candidates");
        });
        amount(root.path("orderCap"), "/orderCap");
        JsonNode budgets = root.path("budgets");
        for (int i = 0; i < budgets.size(); i++) {
            segment(budgets.get(i).path("segment"), "/budgets/" + i + "/segment");
        }
        JsonNode statutory = root.path("statutory");
        for (int i = 0; i < statutory.size(); i++) {
            conditions(statutory.get(i).path("when"), "/statutory/" + i + "/when");
            candidate(statutory.get(i).path("remedy"), "/statutory/" + i + "/remedy");
        }
        experiments();
        fields(root.path("instrumentFlags"), (instrument, flag) -> flag(flag, "/instrumentFlags/" + instrument));
        approvals();
    }

    private void candidates(JsonNode list, String path) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!ids.add(list.get(i).path("id").asText())) {
                error(path + "/" + i + "/id", "names a candidate defined before in this list");
            }
            candidate(list.get(i), path + "/" + i);
        }
    }

    private void candidate(JsonNode candidate, String path) {
        conditions(candidate.path("when"), path + "/when");
        amount(candidate.path("amount"), path + "/amount");
        if (candidate.path("alternatives").size() > 0 && !candidate.has("choiceHours")) {
            // The customer is offered the alternatives in a message; without a time to choose, no link could work.
            error(path + "/choiceHours", "is required with alternatives: how long the customer may choose one");
        }
        if (candidate.has("choiceHours") && candidate.path("alternatives").size() == 0) {
            error(path + "/choiceHours", "needs alternatives to choose from");
        }
        for (String options : List.of("alternatives", "fallbacks")) {
            JsonNode list = candidate.path(options);
            for (int i = 0; i < list.size(); i++) {
                amount(list.get(i).path("amount"), path + "/" + options + "/" + i + "/amount");
            }
        }
    }

    private void conditions(JsonNode when, String path) {
        flag(when.path("flag"), path + "/flag");
        JsonNode list = when.path("segments");
        for (int i = 0; i < list.size(); i++) {
            segment(list.get(i), path + "/segments/" + i);
        }
        if (when.has("minDelayHours") && when.has("maxDelayHours")
                && when.path("minDelayHours").asLong() > when.path("maxDelayHours").asLong()) {
            error(path + "/maxDelayHours", "must not be below minDelayHours");
        }
    }

    private void amount(JsonNode amount, String path) {
        if (amount.isMissingNode()) {
            return;
        }
        if (amount.has("percentOfOrder") && amount.has("fixedMinor")) {
            error(path + "/fixedMinor", "must not be given together with percentOfOrder");
        }
    }

    private void experiments() {
        JsonNode list = root.path("experiments");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "/experiments/" + i;
            JsonNode experiment = list.get(i);
            if (!ids.add(experiment.path("id").asText())) {
                error(path + "/id", "names an experiment defined before");
            }
            conditions(experiment.path("eligibility"), path + "/eligibility");
            JsonNode arms = experiment.path("arms");
            int shares = 0;
            Set<String> names = new HashSet<>();
            for (int a = 0; a < arms.size(); a++) {
                JsonNode arm = arms.get(a);
                shares += arm.path("share").asInt();
                String name = arm.path("name").asText();
                if (Experiment.HOLDOUT.equals(name)) {
                    error(path + "/arms/" + a + "/name", "is reserved for the held-out group");
                } else if (!names.add(name)) {
                    error(path + "/arms/" + a + "/name", "names an arm defined before");
                }
                candidates(arm.path("candidates"), path + "/arms/" + a + "/candidates");
            }
            if (shares != 100) {
                error(path + "/arms", "shares must add up to 100, not " + shares);
            }
        }
    }

    private void approvals() {
        JsonNode roles = root.path("approvals").path("roles");
        List<String> names = new ArrayList<>();
        for (JsonNode role : roles) {
            names.add(role.path("name").asText());
        }
        for (int i = 0; i < roles.size(); i++) {
            JsonNode role = roles.get(i);
            String path = "/approvals/roles/" + i;
            if (names.indexOf(role.path("name").asText()) != i) {
                error(path + "/name", "names a role defined before");
            }
            if ("ESCALATE".equals(role.path("onTimeout").asText())) {
                int to = names.indexOf(role.path("escalateTo").asText());
                if (!role.has("escalateTo")) {
                    error(path + "/escalateTo", "is required when onTimeout is ESCALATE");
                } else if (to <= i) {
                    error(path + "/escalateTo", "must name a role listed after this one (a higher authority)");
                }
            }
        }
        fields(root.path("approvals").path("tiers"), (tier, role) -> {
            if (!names.contains(role.asText())) {
                error("/approvals/tiers/" + tier, "names no role of /approvals/roles");
            }
        });
    }

    private void segment(JsonNode name, String path) {
        if (!name.isMissingNode() && !"*".equals(name.asText()) && !segments.contains(name.asText())) {
            error(path, "names no segment of /segments");
        }
    }

    private void flag(JsonNode name, String path) {
        if (!name.isMissingNode() && !flags.contains(name.asText())) {
            error(path, "names no flag of /flags");
        }
    }

    private void error(String path, String message) {
        errors.add(new Problem.FieldError(path, message));
    }

    private static void fields(JsonNode node, java.util.function.BiConsumer<String, JsonNode> each) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            each.accept(field.getKey(), field.getValue());
        }
    }
}
