package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer hears about a compensation by mail, through the stack's own SMTP server, from the packaged services
 * started as a user starts them ({@link RunningStack}).
 */
class CustomerMailEndToEndTest {

    private static RunningStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void anAnnouncedDelayReachesTheCustomerByMailInGermanAndTheLedgerRecordsThatItDid() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "e2e-mail-" + run;
        String email = "kim-" + run + "@example.org";
        String tracking = "JD" + run;
        DelayedOrder order = DelayedOrder.of(orderId, "customer-" + run, tracking, 12_999).reachableAt(email, "de")
                .named("Kim Weber");
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.mailsTo(email).size() > 0);
        JsonNode mails = stack.mailsTo(email);
        assertThat(mails).hasSize(1);
        JsonNode mail = mails.get(0);
        assertThat(mail.path("language").asText()).isEqualTo("de");
        // The carrier announced the delay before the promised date: the customer hears of it first from us, and the
        // subject says so.
        assertThat(mail.path("subject").asText()).isEqualTo("Ihre Bestellung " + orderId + " verspätet sich: ein Guthaben von 6,50 EUR für Sie");
        // The name the shop gave with the order, carried through intake's order topic to fulfilment's contact book.
        assertThat(mail.path("text").asText()).startsWith("Guten Tag Kim Weber,\n\nIhre Bestellung " + orderId + " verspätet sich")
                .contains("Ihrem Kundenkonto ein Guthaben von 6,50 EUR gutgeschrieben");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.CUSTOMER_NOTIFIED));
        JsonNode notified = RunningStack.dataOf(stack.timeline(orderId), EventTypes.CUSTOMER_NOTIFIED);
        assertThat(notified.path("kind").asText()).isEqualTo("CREDIT_AVAILABLE");
        assertThat(notified.path("language").asText()).isEqualTo("de");
        assertThat(mail.path("messageId").asText()).isEqualTo("<" + notified.path("messageId").asText() + "@goodwill.example>");
        assertThat(notified.toString()).doesNotContain(email);
    }

    @Test
    void aLongDelayOffersAChoiceByMailAndTheLinkInTheMailCarriesOutTheCustomersChoice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "e2e-choice-" + run;
        String customerId = "customer-" + run;
        String email = "alex-" + run + "@example.org";
        DelayedOrder order = DelayedOrder.of(orderId, customerId, "JC" + run, 12_999).reachableAt(email, "de")
                .delayedBy(Duration.ofHours(80));
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced());

        // The sample policy: 10 % refunded, or 15 % store credit instead, chosen within 48 hours.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.mailsTo(email).size() > 0);
        JsonNode offer = stack.mailsTo(email).get(0);
        assertThat(offer.path("subject").asText()).isEqualTo("Ihre Bestellung " + orderId + " verspätet sich: wählen Sie Ihren Ausgleich");
        String text = offer.path("text").asText();
        assertThat(text).contains("Als Ausgleich bieten wir Ihnen eine Erstattung von 13,00 EUR an.")
                .contains("Wenn Sie nichts wählen, erstatten wir Ihnen am ");
        Matcher link = Pattern.compile("- ein Guthaben von 19,50 EUR \\(365 Tage gültig\\): (http://\\S+)").matcher(text);
        assertThat(link.find()).as("a link choosing the store credit in %s", text).isTrue();

        // The customer clicks: a confirmation page, then the choice, at the address the mail gives.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        // In the customer's language, like the mail.
        assertThat(page.body()).contains("<html lang=\"de\">").contains("Möchten Sie ein Guthaben von 19,50 EUR?")
                .contains("Für Ihre Bestellung " + orderId + " haben wir Ihnen eine Erstattung von 13,00 EUR angeboten.");
        HttpResponse<String> chosen = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("Wir führen Ihre Wahl aus: ein Guthaben von 19,50 EUR.");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.mailsTo(email).size() > 1);
        JsonNode credit = stack.mailsTo(email).get(1);
        // The chosen remedy's message, not the refund's; the delay was announced before the promised date.
        assertThat(credit.path("subject").asText())
                .isEqualTo("Ihre Bestellung " + orderId + " verspätet sich: ein Guthaben von 19,50 EUR für Sie");
        assertThat(credit.path("text").asText()).contains("ein Guthaben von 19,50 EUR").doesNotContain("13,00 EUR")
                .doesNotContain("/api/choices/");
        assertThat(stack.getJson("fulfillment-service", "/api/customers/" + customerId + "/store-credit")
                .path("balanceMinorByCurrency").path("EUR").asLong()).isEqualTo(1950);
        // The refund first offered was never executed; the ledger holds both messages and the chosen remedy.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                RunningStack.typesIn(stack.timeline(orderId)).stream().filter(EventTypes.CUSTOMER_NOTIFIED::equals).count() == 2);
        List<String> executed = new ArrayList<>();
        stack.timeline(orderId).path("entries").forEach(e -> {
            if (EventTypes.FULFILMENT_RECORDED.equals(e.path("type").asText())) {
                executed.add(e.path("data").path("status").asText() + " " + e.path("data").path("instrument").asText());
            }
        });
        assertThat(executed).containsExactly("RECEIVED PARTIAL_REFUND", "EXECUTING STORE_CREDIT", "SUCCEEDED STORE_CREDIT");
    }
}
