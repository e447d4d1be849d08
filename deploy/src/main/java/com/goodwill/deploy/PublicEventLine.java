package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventEnvelope;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * One event of the public goodwill stream as one line a person reads at a terminal:
 * {@code <time>  <subject>  <what>  <the facts that matter>}.
 */
final class PublicEventLine {

    private static final String PREFIX = "com.goodwill.public.";

    private PublicEventLine() {
    }

    /** {@code decision.made} for {@code com.goodwill.public.decision.made.v1}; other types as they are. */
    static String shortType(String type) {
        String shortType = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
        return shortType.replaceFirst("\\.v\\d+$", "");
    }

    static String format(EventEnvelope event) {
        return String.format("%s  %-24s %-22s %s", event.time(), event.subject(), shortType(event.type()),
                facts(shortType(event.type()), event.data()));
    }

    private static String facts(String type, JsonNode d) {
        return switch (type) {
            case "incident.opened", "incident.escalated", "incident.resolved" -> join(
                    d.path("incidentClass").asText() + " " + d.path("severity").asText(),
                    "via " + d.path("source").asText(),
                    d.hasNonNull("delayHours") ? d.path("delayHours").asLong() + " h late" : null,
                    d.hasNonNull("delayProbability") ? "p=" + d.path("delayProbability").asText() : null,
                    d.hasNonNull("carrier") ? "carrier " + d.path("carrier").asText() : null,
                    "rev " + d.path("revision").asInt(),
                    "incident " + d.path("incidentId").asText());
            case "decision.made" -> join(
                    d.path("outcome").asText(),
                    remedies(d.path("remedies")),
                    "tier " + d.path("tier").asText(),
                    "reason " + d.path("reasonCode").asText(),
                    d.hasNonNull("requiredRole") ? "waits for " + d.path("requiredRole").asText()
                            + (d.hasNonNull("reviewDueAt") ? " until " + d.path("reviewDueAt").asText() : "") : null,
                    "decision " + d.path("decisionId").asText());
            case "decision.reviewed" -> join(
                    d.path("action").asText(),
                    d.hasNonNull("role") ? "by " + d.path("role").asText() : null,
                    remedies(d.path("remedies")),
                    d.hasNonNull("escalatedTo") ? "now waits for " + d.path("escalatedTo").asText() : null,
                    "decision " + d.path("decisionId").asText());
            case "compensation.executed" -> join(
                    d.path("instrument").asText() + " " + money(d.path("amount")),
                    d.path("byFallback").asBoolean() ? "by fallback" : null,
                    "command " + d.path("commandId").asText());
            case "compensation.failed" -> join(
                    "FAILED " + d.path("instrument").asText() + " " + money(d.path("amount")),
                    "command " + d.path("commandId").asText());
            case "customer-message.sent" -> join(
                    d.path("kind").asText(),
                    "via " + d.path("channel").asText(),
                    d.hasNonNull("language") ? d.path("language").asText() : null,
                    "template " + d.path("template").asText());
            case "alert.tolerance" -> join(
                    d.path("dimension").asText() + " " + d.path("value").asText(),
                    String.format("rate %.1f %% over limit %.1f %%", d.path("incidentRate").asDouble() * 100,
                            d.path("limit").asDouble() * 100),
                    d.path("incidents").asLong() + " incidents / " + d.path("orders").asLong() + " orders");
            case "ledger.checkpoint" -> join(
                    "tree size " + d.path("treeSize").asLong(),
                    "root " + abbreviate(d.path("rootHash").asText()),
                    "key " + d.path("keyId").asText());
            default -> d.toString();
        };
    }

    private static String remedies(JsonNode remedies) {
        List<String> parts = new ArrayList<>();
        remedies.forEach(r -> parts.add(r.path("instrument").asText() + " " + money(r.path("amount"))));
        return parts.isEmpty() ? null : String.join(" + ", parts);
    }

    /** {@code 6.50 EUR}: minor units in the currency's own number of decimals. */
    static String money(JsonNode amount) {
        String currency = amount.path("currency").asText();
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(amount.path("amountMinor").asLong(), digits).toPlainString() + " " + currency;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(", ", present);
    }
}
