package com.goodwill.fulfillment;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.fulfillment.notification.CustomerMessages;
import com.goodwill.fulfillment.notification.MessageKind;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.testsupport.PlatformTopics;
import com.goodwill.testsupport.ReliabilityTables;
import com.goodwill.testsupport.SharedMailServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.List;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Customer messages end to end inside the service: order events over the real broker fill the contact book,
 * compensation steps write messages, and the mails are read back from the real SMTP server (GreenMail).
 */
@QuarkusTest
class CustomerMessagesFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What a refund offers instead in the tests that offer a choice. */
    private static final List<Remedy> REFUND_ALTERNATIVES = List.of(
            new Remedy(Instrument.STORE_CREDIT, Money.of(1500, "EUR"), 365, false),
            new Remedy(Instrument.VOUCHER, Money.of(1800, "EUR"), 180, false));

    private static ConsumerTask<String, String> results;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    CustomerMessages customerMessages;
    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void subscribe() {
        results = listen(Topics.FULFILMENT_RESULTS);
        deadLetters = listen(Topics.DEAD_LETTER_FULFILLMENT);
    }

    @AfterAll
    static void close() {
        results.close();
        deadLetters.close();
    }

    @Test
    void storeCreditIsToldInGermanWithTheAmountItsExpiryAndNoChoiceOnceItIsBooked() throws Exception {
        Case c = new Case("de");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        List<Remedy> alternatives = List.of(new Remedy(Instrument.VOUCHER, Money.of(2800, "EUR"), 180, false));
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(650, "EUR"), 365,
                facts(IncidentClass.DELAY, false, c.promised), alternatives);
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        MimeMessage mail = awaitOneMail(c.email);
        String body = text(mail);
        assertThat(mail.getSubject()).isEqualTo("Ein Guthaben von 6,50 EUR für Sie, zu Bestellung " + c.orderId);
        assertThat(mail.getHeader("Content-Language")).containsExactly("de");
        assertThat(body).startsWith("Guten Tag,\n\nIhre Bestellung " + c.orderId + " verspätet sich")
                .contains("Das hätte nicht passieren dürfen, und dafür sind wir verantwortlich.")
                .contains("haben wir Ihrem Kundenkonto ein Guthaben von 6,50 EUR gutgeschrieben")
                .contains("und gilt bis ")
                // No time to choose was given: the credit is booked at once, and a link could only answer "too late".
                .doesNotContain("/api/choices/");
        String messageId = CustomerMessages.messageId(command.commandId(), MessageKind.CREDIT_AVAILABLE);
        assertThat(mail.getMessageID()).isEqualTo("<" + messageId + "@goodwill.example>");

        ConsumerRecord<String, String> record = awaitNotified(c.orderId);
        EventEnvelope event = EventCodec.parse(record.value());
        assertThat(event.type()).isEqualTo(EventTypes.CUSTOMER_NOTIFIED);
        assertThat(event.correlationid()).isEqualTo(command.incidentId());
        // The credit became available at the command's third step (received, executing, succeeded): that step's event
        // caused the message.
        assertThat(event.causationid()).isEqualTo(DerivedId.of("fulfilment", command.commandId(), "3"));
        CustomerNotified notified = EventCodec.dataAs(event, CustomerNotified.class);
        assertThat(notified.messageId()).isEqualTo(messageId);
        assertThat(notified.commandId()).isEqualTo(command.commandId());
        assertThat(notified.kind()).isEqualTo("CREDIT_AVAILABLE");
        assertThat(notified.language()).isEqualTo("de");
        assertThat(notified.template()).isEqualTo("credit-available/default.de");
        assertThat(notified.channel()).isEqualTo("EMAIL");
        // Ids and facts only: neither the address nor any of the text travels on the topic.
        assertThat(record.value()).doesNotContain(c.email).doesNotContain("@example.org").doesNotContain("Guthaben")
                .doesNotContain(mail.getSubject());

        given().get("/api/customer-messages?orderId={o}", c.orderId).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", is("SENT"))
                .body("[0].kind", is("CREDIT_AVAILABLE"))
                .body("[0].language", is("de"))
                .body("[0].attempts", is(1));
    }

    @Test
    void theSameStepInEnglishSaysItInEnglishAndGreetsByTheNameTheOrderGave() throws Exception {
        Case c = new Case("en", "Kim Weber");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(123_456, "EUR"), 365,
                facts(IncidentClass.LOST, false, c.promised), List.of());
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        MimeMessage mail = awaitOneMail(c.email);
        assertThat(mail.getSubject()).isEqualTo("A store credit of 1,234.56 EUR for you, for order " + c.orderId);
        assertThat(text(mail)).startsWith("Hello Kim Weber,\n\nYour order " + c.orderId + " has been lost on its way to you.\n"
                        + "That should not have happened, and it is our responsibility. We are sorry.")
                .contains("we have added a store credit of 1,234.56 EUR to your customer account. It is available now "
                        + "and valid until ");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
    }

    @Test
    void refundIsAnnouncedWithItsTimeHorizonThenReportedWhenBookedAndADuplicateStepSendsNothing() throws Exception {
        Case c = new Case("en");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested command = c.command(Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"), null,
                facts(IncidentClass.DAMAGED, false, c.promised), REFUND_ALTERNATIVES);

        step(command, FulfilmentStatus.RECEIVED, null);
        step(command, FulfilmentStatus.EXECUTING, null);
        MimeMessage announced = awaitOneMail(c.email);
        assertThat(announced.getSubject()).isEqualTo("Your order " + c.orderId + ": we are putting it right");
        assertThat(text(announced)).contains("Your order " + c.orderId + " reached you damaged.")
                .contains("We are refunding you 12.40 EUR. The refund reaches your card within 3 to 5 banking days, by ")
                // Executing already: the alternatives can no longer be chosen, so they are not offered.
                .doesNotContain("/api/choices/");

        // The later step comes without the command (it is recalled), and is recorded twice.
        step(null, command, FulfilmentStatus.SUCCEEDED, "refund-4711");
        step(null, command, FulfilmentStatus.SUCCEEDED, "refund-4711");
        await().atMost(WAIT).until(() -> SharedMailServer.get().receivedFor(c.email).size() >= 2);
        awaitAllSettled(c.orderId);
        List<MimeMessage> mails = SharedMailServer.get().receivedFor(c.email);
        assertThat(mails).hasSize(2);
        MimeMessage booked = mails.get(1);
        assertThat(booked.getSubject()).isEqualTo("Your refund of 12.40 EUR for order " + c.orderId + " is booked");
        assertThat(text(booked)).contains("We have booked the refund of 12.40 EUR for your order " + c.orderId
                        + ". It reaches your card within 3 to 5 banking days, by ")
                // A follow-up: the apology was in the announcement.
                .doesNotContain("reached you damaged").doesNotContain("/api/choices/");
        assertThat(notifiedKinds(c.orderId)).containsExactlyInAnyOrder("ANNOUNCED", "REFUND_BOOKED");
    }

    @Test
    void aRefundWaitingForTheChoiceOffersTheAlternativesUntilTheDeadlineAndTheChosenOneIsReported() throws Exception {
        Case c = new Case("de");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        Instant until = Instant.now().plus(48, ChronoUnit.HOURS);
        CompensationRequested command = Commands.choosableUntil(c.command(Instrument.PARTIAL_REFUND,
                Money.of(1240, "EUR"), null, facts(IncidentClass.DELAY, false, c.promised), REFUND_ALTERNATIVES), until);
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        MimeMessage offered = awaitOneMail(c.email);
        ZonedDateTime deadline = until.atZone(ZoneId.of("Europe/Berlin"));
        String day = deadline.format(DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN));
        String when = day + ", " + deadline.format(DateTimeFormatter.ofPattern("HH:mm")) + " Uhr";
        assertThat(offered.getSubject()).isEqualTo("Ihre Bestellung " + c.orderId + ": wählen Sie, wie wir es wiedergutmachen");
        assertThat(text(offered)).contains("Ihre Bestellung " + c.orderId + " verspätet sich")
                .contains("Als Ausgleich bieten wir Ihnen eine Erstattung von 12,40 EUR an.")
                .contains("wählen Sie bis " + when + " stattdessen eines davon (ein Klick genügt):")
                .contains("- ein Guthaben von 15,00 EUR (365 Tage gültig): http://127.0.0.1:8083/api/choices/"
                        + command.commandId() + "?option=STORE_CREDIT")
                .contains("- einen Gutschein über 18,00 EUR (180 Tage gültig): http://127.0.0.1:8083/api/choices/"
                        + command.commandId() + "?option=VOUCHER")
                .contains("Wenn Sie nichts wählen, erstatten wir Ihnen am " + when + " 12,40 EUR; die Erstattung "
                        + "erreicht Ihre Karte dann innerhalb von 3 bis 5 Bankarbeitstagen, spätestens am ");
        given().get("/api/commands/{id}", command.commandId()).then().body("status", is("RECEIVED"));

        given().post("/api/choices/{id}?option=STORE_CREDIT", command.commandId()).then().statusCode(200);
        await().atMost(WAIT).until(() -> SharedMailServer.get().receivedFor(c.email).size() >= 2);
        awaitAllSettled(c.orderId);
        List<MimeMessage> mails = SharedMailServer.get().receivedFor(c.email);
        assertThat(mails).hasSize(2);
        // The message after the choice speaks of the chosen remedy, not of the refund first offered.
        assertThat(mails.get(1).getSubject()).isEqualTo("Ein Guthaben von 15,00 EUR für Sie, zu Bestellung " + c.orderId);
        assertThat(text(mails.get(1))).contains("ein Guthaben von 15,00 EUR").doesNotContain("12,40")
                .doesNotContain("verspätet sich").doesNotContain("/api/choices/");
        assertThat(notifiedKinds(c.orderId)).containsExactlyInAnyOrder("CHOICE_OFFERED", "CREDIT_AVAILABLE");
        assertThat(OutsideSystems.payments().executions(command.idempotencyKey())).isZero();
    }

    @Test
    void shippedReplacementGivesItsTrackingNumberAndAnOutOfStockOneSaysWhatIsDoneInstead() throws Exception {
        Case shipped = new Case("de");
        shipped.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested replacement = shipped.command(Instrument.REPLACEMENT, Money.of(4999, "EUR"), null,
                facts(IncidentClass.LOST, false, shipped.promised), List.of());
        step(replacement, FulfilmentStatus.RECEIVED, null);
        step(replacement, FulfilmentStatus.SUCCEEDED, "JD014600006789");
        await().atMost(WAIT).until(() -> SharedMailServer.get().receivedFor(shipped.email).size() >= 2);
        MimeMessage shippedMail = SharedMailServer.get().receivedFor(shipped.email).get(1);
        assertThat(shippedMail.getSubject()).isEqualTo("Ihre Ersatzlieferung für Bestellung " + shipped.orderId + " ist unterwegs");
        assertThat(text(shippedMail)).contains("Sendungsnummer: JD014600006789 (DHL)")
                .contains("Sie erreicht Sie innerhalb von 2 bis 4 Werktagen, spätestens am ");

        Case outOfStock = new Case("en");
        outOfStock.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested wanted = outOfStock.command(Instrument.REPLACEMENT, Money.of(4999, "EUR"), null,
                facts(IncidentClass.DAMAGED, false, outOfStock.promised), List.of());
        wanted = withFallbacks(wanted, List.of(new Remedy(Instrument.FULL_REFUND, Money.of(4999, "EUR"))));
        step(wanted, FulfilmentStatus.RECEIVED, null);
        FulfilmentRecorded fallback = new FulfilmentRecorded(wanted.commandId(), wanted.decisionId(), wanted.incidentId(),
                wanted.orderId(), wanted.customerId(), Instrument.FULL_REFUND, Money.of(4999, "EUR"),
                FulfilmentStatus.FULFILLED_BY_FALLBACK, "refund-99", "replacement out of stock", Instant.now());
        QuarkusTransaction.requiringNew().run(() -> customerMessages.stepRecorded(null, fallback, "evt-fallback"));
        await().atMost(WAIT).until(() -> SharedMailServer.get().receivedFor(outOfStock.email).size() >= 2);
        MimeMessage fallbackMail = SharedMailServer.get().receivedFor(outOfStock.email).get(1);
        assertThat(fallbackMail.getSubject()).isEqualTo("Your order " + outOfStock.orderId + ": a change to what we promised");
        assertThat(text(fallbackMail)).contains("The replacement we promised you is out of stock, so instead we are "
                        + "giving you a full refund of 49.99 EUR.")
                .contains("The refund of 49.99 EUR reaches your card within 3 to 5 banking days, by ");
    }

    @Test
    void aCommandDeliveredAgainUnderTheSameOrANewEnvelopeSendsNoSecondMail() throws Exception {
        Case c = new Case("en");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(900, "EUR"), 365,
                facts(IncidentClass.DELAY, false, c.promised), List.of());
        EventEnvelope first = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, first);
        awaitOneMail(c.email);

        EventEnvelope again = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, first);
        publish(Topics.COMPENSATION_COMMANDS, again);
        // Same key, same partition: once the second envelope is processed, so is the redelivery before it.
        await().atMost(WAIT).until(() -> processed("fulfillment-service.commands", again.id()));
        awaitAllSettled(c.orderId);

        assertThat(SharedMailServer.get().receivedFor(c.email)).hasSize(1);
        given().get("/api/customer-messages?orderId={o}", c.orderId).then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void aPredictedDelayIsToldAtOnceBeforeThePromisedDate() throws Exception {
        Case c = new Case("en");
        Instant promised = Instant.now().plus(30, ChronoUnit.HOURS);
        c.placeOrder(promised);
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(500, "EUR"), 365,
                facts(IncidentClass.PREDICTED_DELAY, true, promised), List.of());
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        MimeMessage mail = awaitOneMail(c.email);
        assertThat(mail.getSubject()).isEqualTo("Your order " + c.orderId + " will be late: a store credit of 5.00 EUR for you");
        assertThat(text(mail)).contains("Your order " + c.orderId + " will not arrive by ")
                .contains("We are telling you now, before the date has passed, so that you can plan for it.");
        assertThat(mail.getSentDate().toInstant()).isBefore(promised);
        CustomerNotified notified = EventCodec.dataAs(EventCodec.parse(awaitNotified(c.orderId).value()),
                CustomerNotified.class);
        assertThat(notified.sentAt()).isBefore(promised);
    }

    @Test
    void aCommandExecutedHereIsToldFromItsOwnRowWithoutRepeatingItInTheMessagesFacts() throws Exception {
        Case c = new Case("en");
        c.placeOrder(Instant.now().plus(2, ChronoUnit.DAYS));
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(700, "EUR"), 365,
                facts(IncidentClass.DAMAGED, false, c.promised), List.of());
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        MimeMessage mail = awaitOneMail(c.email);
        assertThat(text(mail)).contains("Your order " + c.orderId + " reached you damaged.").contains("7.00 EUR");
        awaitAllSettled(c.orderId);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select facts from customer_message where order_id = ?1")
                .setParameter(1, c.orderId).getSingleResult());
        assertThat(stored).contains(command.commandId()).doesNotContain(command.idempotencyKey())
                .doesNotContain("DAMAGED");
        // The outcome written back with the claimed row: what the REST view shows.
        given().get("/api/customer-messages?orderId={o}", c.orderId).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", is("SENT"))
                .body("[0].kind", is("CREDIT_AVAILABLE"))
                .body("[0].attempts", is(1))
                .body("[0].language", is("en"))
                .body("[0].template", containsString("credit-available/"))
                .body("[0].sentAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aMessageWithoutContactIsRecordedCountedAndSentOnceTheOrdersContactArrives() throws Exception {
        Case c = new Case("de");
        CompensationRequested command = c.command(Instrument.STORE_CREDIT, Money.of(700, "EUR"), null,
                facts(IncidentClass.DELAY, false, Instant.now().plus(1, ChronoUnit.DAYS)), List.of());
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/customer-messages?orderId={o}", c.orderId).then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", is("NO_CONTACT"))
                .body("[0].kind", is("CREDIT_AVAILABLE"))
                .body("[0].lastError", containsString("no order placement")));
        assertThat(SharedMailServer.get().receivedFor(c.email)).isEmpty();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("goodwill_customer_messages_total{outcome=\"no_contact\""));

        c.placeOrder(Instant.now().plus(1, ChronoUnit.DAYS));
        MimeMessage mail = awaitOneMail(c.email);
        assertThat(mail.getSubject()).isEqualTo("Ein Guthaben von 7,00 EUR für Sie, zu Bestellung " + c.orderId);
        given().get("/api/customer-messages?orderId={o}", c.orderId).then().statusCode(200)
                .body("[0].status", is("SENT"));
    }

    @Test
    void anOrderPlacedWithoutAnAddressLeavesTheMessageWaitingWithTheReason() {
        Case c = new Case("en");
        c.placeOrderWithoutEmail();
        await().atMost(WAIT).until(() -> contactRecorded(c.orderId));
        CompensationRequested command = c.command(Instrument.APOLOGY, Money.of(0, "EUR"), null,
                facts(IncidentClass.DELAY, false, c.promised), List.of());
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/customer-messages?orderId={o}", c.orderId).then()
                .statusCode(200)
                .body("[0].status", is("NO_CONTACT"))
                .body("[0].lastError", is("the order was placed without an e-mail address")));
    }

    @Test
    void anOrderEventBreakingItsContractIsDeadLetteredWithTheReason() {
        String orderId = "ord-" + UUID.randomUUID();
        OrderPlaced bad = new OrderPlaced("evt-" + UUID.randomUUID(), orderId, "cust-1", "DE", "web", "card",
                Money.of(100, "EUR"), List.of(), Instant.now(), Instant.now(), "not an address", "de", null, null, null);
        EventEnvelope event = EventCodec.wrap(EventTypes.ORDER_PLACED, "/goodwill/incident-intake", orderId,
                Instant.now(), null, null, bad);
        publish(Topics.ORDER_EVENTS, event);
        produceRaw(Topics.ORDER_EVENTS, orderId, "{not json");

        await().atMost(WAIT).until(() -> recordsFor(deadLetters, orderId).size() >= 2);
        assertThat(recordsFor(deadLetters, orderId)).extracting(PlatformTopics::deadLetterReason)
                .allSatisfy(reason -> assertThat(reason).isNotBlank())
                .anyMatch(reason -> reason.contains("customerEmail"));
        assertThat(contactRecorded(orderId)).isFalse();
    }

    @Test
    void customerMessagesWithoutOrderIdIsA400ProblemNamingTheField() {
        given().get("/api/customer-messages").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("orderId"));
    }

    // --- the case under test -------------------------------------------------------------------------------------

    /** One order of one customer, with an address no other test uses. */
    private static final class Case {
        final String orderId = "ord-" + UUID.randomUUID();
        final String customerId = "cust-" + UUID.randomUUID();
        final String email = "kim-" + UUID.randomUUID() + "@example.org";
        final String language;
        final String name;
        Instant promised = Instant.now().plus(2, ChronoUnit.DAYS);

        Case(String language) {
            this(language, null);
        }

        Case(String language, String name) {
            this.language = language;
            this.name = name;
        }

        void placeOrder(Instant promisedBy) {
            promised = promisedBy;
            place(email);
            await().atMost(WAIT).until(() -> contactRecorded(orderId));
        }

        void placeOrderWithoutEmail() {
            place(null);
        }

        private void place(String address) {
            Instant placedAt = Instant.now().minus(1, ChronoUnit.DAYS);
            OrderPlaced placed = new OrderPlaced("evt-" + UUID.randomUUID(), orderId, customerId, "DE", "web", "card",
                    Money.of(4999, "EUR"), List.of(new OrderItem("SKU-1", 1, Money.of(4999, "EUR"))), promised, placedAt,
                    address, language, null, null, null, name);
            publish(Topics.ORDER_EVENTS, EventCodec.wrap(EventTypes.ORDER_PLACED, "/goodwill/incident-intake", orderId,
                    placedAt, null, null, placed));
        }

        CompensationRequested command(Instrument instrument, Money amount, Integer validForDays, CaseFacts facts,
                                      List<Remedy> alternatives) {
            String commandId = UUID.randomUUID().toString();
            return new CompensationRequested(commandId, "dec-" + UUID.randomUUID(), "inc-" + UUID.randomUUID(), orderId,
                    customerId, instrument, amount, "goodwill-" + commandId, Instant.now(), validForDays, false,
                    List.of(), alternatives, facts, "2026-12-01.1", "TEST", null, false);
        }
    }

    private static CaseFacts facts(IncidentClass incidentClass, boolean proactive, Instant promised) {
        return new CaseFacts(incidentClass, Severity.MEDIUM, proactive ? IncidentSource.PREDICTION : IncidentSource.CARRIER,
                IncidentLifecycle.OPENED, 48L, proactive ? 0.85 : null, promised.plus(2, ChronoUnit.DAYS), promised,
                "DE", "web", "DHL", "JD0001", proactive);
    }

    private static CompensationRequested withFallbacks(CompensationRequested c, List<Remedy> fallbacks) {
        return new CompensationRequested(c.commandId(), c.decisionId(), c.incidentId(), c.orderId(), c.customerId(),
                c.instrument(), c.amount(), c.idempotencyKey(), c.requestedAt(), c.validForDays(), c.memoryAnchor(),
                fallbacks, c.alternatives(), c.facts(), c.policyVersion(), c.reasonCode(), c.messageTemplate(),
                c.statutory());
    }

    private static EventEnvelope envelope(CompensationRequested command) {
        return EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/goodwill/decision-service", command.orderId(),
                command.requestedAt(), command.incidentId(), "dec-event-1", command);
    }

    /** Records a step the way an executor does: in its own transaction, with the command at hand. */
    private void step(CompensationRequested command, FulfilmentStatus status, String reference) {
        step(command, command, status, reference);
    }

    private void step(CompensationRequested given, CompensationRequested command, FulfilmentStatus status,
                      String reference) {
        FulfilmentRecorded recorded = new FulfilmentRecorded(command.commandId(), command.decisionId(),
                command.incidentId(), command.orderId(), command.customerId(), command.instrument(), command.amount(),
                status, reference, null, Instant.now());
        QuarkusTransaction.requiringNew().run(() -> customerMessages.stepRecorded(given, recorded,
                DerivedId.of("fulfilment", command.commandId(), status.name())));
    }

    private static MimeMessage awaitOneMail(String address) {
        await().atMost(WAIT).until(() -> !SharedMailServer.get().receivedFor(address).isEmpty());
        List<MimeMessage> mails = SharedMailServer.get().receivedFor(address);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof Multipart multipart) {
            return String.valueOf(multipart.getBodyPart(0).getContent()).replace("\r\n", "\n");
        }
        return String.valueOf(content).replace("\r\n", "\n");
    }

    private static ConsumerRecord<String, String> awaitNotified(String orderId) {
        await().atMost(WAIT).until(() -> notified(orderId).size() == 1);
        return notified(orderId).get(0);
    }

    private static List<ConsumerRecord<String, String>> notified(String orderId) {
        return recordsFor(results, orderId).stream()
                .filter(r -> r.value().contains(EventTypes.CUSTOMER_NOTIFIED)).toList();
    }

    private static List<String> notifiedKinds(String orderId) {
        await().atMost(WAIT).until(() -> notified(orderId).size() >= 2);
        return notified(orderId).stream()
                .map(r -> EventCodec.dataAs(EventCodec.parse(r.value()), CustomerNotified.class).kind()).toList();
    }

    /** Every message of the order is sent or given up on, so counting mails now counts them all. */
    private void awaitAllSettled(String orderId) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from customer_message where order_id = ?1 and status = 'PENDING'")
                .setParameter(1, orderId).getSingleResult()).longValue() == 0));
    }

    private boolean processed(String consumer, String envelopeId) {
        return ReliabilityTables.processed(database, consumer, envelopeId);
    }

    private static boolean contactRecorded(String orderId) {
        return given().get("/api/customer-messages/contacts/{o}", orderId).statusCode() == 200;
    }
}
