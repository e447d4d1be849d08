package com.goodwill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

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
        DelayedOrder order = DelayedOrder.of(orderId, "customer-" + run, tracking, 12_999).reachableAt(email, "de");
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
        assertThat(mail.path("text").asText()).startsWith("Guten Tag,\n\nIhre Bestellung " + orderId + " verspätet sich")
                .contains("Ihrem Kundenkonto ein Guthaben von 6,50 EUR gutgeschrieben");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.CUSTOMER_NOTIFIED));
        JsonNode notified = RunningStack.dataOf(stack.timeline(orderId), EventTypes.CUSTOMER_NOTIFIED);
        assertThat(notified.path("kind").asText()).isEqualTo("CREDIT_AVAILABLE");
        assertThat(notified.path("language").asText()).isEqualTo("de");
        assertThat(mail.path("messageId").asText()).isEqualTo("<" + notified.path("messageId").asText() + "@goodwill.example>");
        assertThat(notified.toString()).doesNotContain(email);
    }
}
