package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.customer.RiskSignals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the inputs of the engine for table-driven tests: the shipped sample policy (or a variant), incidents, customers. */
final class Cases {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private Cases() {
    }

    static String sampleJson() {
        try (InputStream in = Cases.class.getClassLoader().getResourceAsStream("policy/sample-policy.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample policy with text replacements; each replacement must hit, and the result must be a valid policy. */
    static PolicyDocument policy(String... replacements) {
        String json = sampleJson();
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(json).as("policy text to replace").contains(replacements[i]);
            json = json.replace(replacements[i], replacements[i + 1]);
        }
        assertThat(PolicySchema.errors(json)).as("errors of the test policy").isEmpty();
        return PolicyDocument.parse(json);
    }

    static Incident incident(IncidentClass incidentClass, Severity severity, Long delayHours, Double probability,
                             long orderValueMinor, String currency) {
        return incident(incidentClass, severity, delayHours, probability, orderValueMinor, currency, "DE", "web", "cust-1");
    }

    static Incident incident(IncidentClass incidentClass, Severity severity, Long delayHours, Double probability,
                             long orderValueMinor, String currency, String market, String channel, String customerId) {
        Instant promised = NOW.minus(Duration.ofHours(1));
        return new Incident("inc-1", IncidentLifecycle.OPENED, 1, "ord-1", "shp-1", "TRK1", "DHL", incidentClass, severity,
                IncidentSource.CARRIER, delayHours, probability, promised.plus(Duration.ofHours(delayHours == null ? 0 : delayHours)),
                "test", List.of("evt-1"), new OrderContext(customerId, market, channel, "card",
                Money.of(orderValueMinor, currency), promised), NOW.minus(Duration.ofHours(2)));
    }

    static Incident delay(long hours, long orderValueMinor, String currency) {
        return incident(IncidentClass.DELAY, hours >= 48 ? Severity.HIGH : Severity.MEDIUM, hours, null, orderValueMinor,
                currency);
    }

    /** A customer with {@code orders} orders worth {@code spend365d} in the last year, the first a year ago. */
    static CustomerFigures customer(int orders, long spend365d, int claims30d, int claims90d) {
        Instant since = NOW.minus(Duration.ofDays(400));
        return new CustomerFigures("cust-1", "EUR", since, since, NOW.minus(Duration.ofDays(1)), orders, orders, spend365d,
                spend365d, spend365d / 4, 0, claims30d, claims90d, 0, 0);
    }

    static CustomerFigures newCustomer() {
        return CustomerFigures.unknown("cust-1", "EUR");
    }

    static GoodwillEngine.Case of(Incident incident, CustomerFigures figures) {
        return new GoodwillEngine.Case(incident, figures, RiskSignals.none("card"), GoodwillEngine.History.NONE, NOW, Set.of());
    }

    static GoodwillDecision decide(PolicyDocument policy, GoodwillEngine.Case c) {
        return decide(policy, c, new Book());
    }

    static GoodwillDecision decide(PolicyDocument policy, GoodwillEngine.Case c, GoodwillEngine.BudgetBook book) {
        String market = c.incident().order().market();
        return new GoodwillEngine(policy, policy.rulesFor(market).orElseThrow()).decide(c, book);
    }

    /** A budget ledger in memory for the engine's unit tests: what each budget holds, and the month's revenue. */
    static final class Book implements GoodwillEngine.BudgetBook {

        final Map<String, Long> used = new HashMap<>();
        long revenue;

        Book used(String budgetId, long minor) {
            used.put(budgetId, minor);
            return this;
        }

        Book revenue(long minor) {
            revenue = minor;
            return this;
        }

        @Override
        public GoodwillEngine.BudgetFigures figures(String budgetId, boolean usedNeeded, String revenueChannel,
                                                   String currency, YearMonth month) {
            return new GoodwillEngine.BudgetFigures(revenueChannel == null ? 0 : revenue,
                    usedNeeded ? used.getOrDefault(budgetId, 0L) : 0);
        }
    }
}
