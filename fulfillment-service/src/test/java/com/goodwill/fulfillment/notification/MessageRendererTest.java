package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.goodwill.fulfillment.Commands.choosableUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Message wording from the shipped templates, in plain Java. */
class MessageRendererTest {

    /** A Friday: five banking days later is the next Friday. */
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final MessageSettings SETTINGS = new MessageSettings("http://127.0.0.1:8083/", "en",
            ZoneId.of("Europe/Berlin"), Map.of(
            Instrument.PARTIAL_REFUND, new Horizon(3, 5, Horizon.Unit.BANKING_DAYS),
            Instrument.FULL_REFUND, new Horizon(3, 5, Horizon.Unit.BANKING_DAYS),
            Instrument.REPLACEMENT, new Horizon(2, 4, Horizon.Unit.BUSINESS_DAYS),
            Instrument.EXPRESS_REPLACEMENT, new Horizon(1, 1, Horizon.Unit.BUSINESS_DAYS)));

    private final MessageRenderer renderer = new MessageRenderer(SETTINGS);

    @Test
    void refundAnnouncementInEnglishSaysWhatWentWrongTheAmountAndTheBankingDays() {
        MessageFacts facts = facts(MessageKind.ANNOUNCED, command(Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"),
                delay(false), List.of()), FulfilmentStatus.RECEIVED, null, true);

        RenderedMessage message = renderer.render(facts, contact("en", "card"), NOW);

        assertThat(message.language()).isEqualTo("en");
        assertThat(message.template()).isEqualTo("announced/default.en");
        assertThat(message.subject()).isEqualTo("Your order ord-1: we are putting it right");
        assertThat(message.body())
                .startsWith("Hello,\n\nYour order ord-1 is late: we now expect it on Tuesday, 8 December 2026, "
                        + "although we promised it for Saturday, 5 December 2026.\n"
                        + "That should not have happened, and it is our responsibility. We are sorry.")
                .contains("We are refunding you 12.40 EUR. The refund reaches your card within 3 to 5 banking days, "
                        + "by Friday, 11 December 2026 at the latest.")
                .doesNotContain("{", "}");
    }

    @Test
    void refundAnnouncementInGermanWritesAmountsAndDatesTheGermanWay() {
        MessageFacts facts = facts(MessageKind.ANNOUNCED, command(Instrument.PARTIAL_REFUND, Money.of(123_450, "EUR"),
                delay(false), List.of()), FulfilmentStatus.RECEIVED, null, true);

        RenderedMessage message = renderer.render(facts, contact("de", "paypal"), NOW);

        assertThat(message.language()).isEqualTo("de");
        assertThat(message.template()).isEqualTo("announced/default.de");
        assertThat(message.subject()).isEqualTo("Ihre Bestellung ord-1: wir bringen das in Ordnung");
        assertThat(message.body())
                .startsWith("Guten Tag,\n\nIhre Bestellung ord-1 verspätet sich: Wir erwarten sie jetzt am "
                        + "Dienstag, 8. Dezember 2026, obwohl wir sie für Samstag, 5. Dezember 2026 zugesagt hatten.\n"
                        + "Das hätte nicht passieren dürfen, und dafür sind wir verantwortlich.")
                .contains("Wir erstatten Ihnen 1.234,50 EUR. Die Erstattung erreicht Ihr PayPal-Konto innerhalb von "
                        + "3 bis 5 Bankarbeitstagen, spätestens am Freitag, 11. Dezember 2026.");
    }

    @Test
    void offeredChoiceListsTheAlternativesWithTheirPriceTagsALinkEachAndUntilWhen() {
        List<Remedy> alternatives = List.of(new Remedy(Instrument.VOUCHER, Money.of(2800, "EUR"), 180, false),
                new Remedy(Instrument.PARTIAL_REFUND, Money.of(1500, "EUR")));
        // Sunday 6 December 2026, 11:00 in Berlin.
        CompensationRequested command = choosableUntil(command(Instrument.STORE_CREDIT, Money.of(2000, "EUR"),
                delay(false), alternatives), NOW.plus(48, ChronoUnit.HOURS));
        MessageFacts facts = facts(MessageKind.CHOICE_OFFERED, command, FulfilmentStatus.RECEIVED, null, true);

        RenderedMessage en = renderer.render(facts, contact("en", "card"), NOW);
        RenderedMessage de = renderer.render(facts, contact("de", "card"), NOW);

        assertThat(en.template()).isEqualTo("choice-offered/default.en");
        assertThat(en.subject()).isEqualTo("Your order ord-1: choose how we put it right");
        assertThat(en.body()).contains("Your order ord-1 is late")
                .contains("To make up for it, we offer you a store credit of 20.00 EUR.")
                .contains("choose one of these instead by Sunday, 6 December 2026, 11:00 (one click is enough):\n"
                        + "- a voucher worth 28.00 EUR (valid for 180 days): http://127.0.0.1:8083/api/choices/cmd-1?option=VOUCHER\n"
                        + "- a refund of 15.00 EUR: http://127.0.0.1:8083/api/choices/cmd-1?option=PARTIAL_REFUND\n")
                // The credit is booked when the time is up, and is valid for 365 days from then.
                .contains("If you do not choose, you receive a store credit of 20.00 EUR on Sunday, 6 December 2026, "
                        + "11:00, valid until Monday, 6 December 2027.");
        assertThat(de.body()).contains("wählen Sie bis Sonntag, 6. Dezember 2026, 11:00 Uhr stattdessen eines davon")
                .contains("- einen Gutschein über 28,00 EUR (180 Tage gültig): "
                        + "http://127.0.0.1:8083/api/choices/cmd-1?option=VOUCHER\n"
                        + "- eine Erstattung von 15,00 EUR: http://127.0.0.1:8083/api/choices/cmd-1?option=PARTIAL_REFUND\n");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "CHOICE_OFFERED, PARTIAL_REFUND", "ANNOUNCED, PARTIAL_REFUND", "REFUND_BOOKED, PARTIAL_REFUND",
            "REPLACEMENT_SHIPPED, REPLACEMENT", "CREDIT_AVAILABLE, STORE_CREDIT", "VOUCHER_ISSUED, VOUCHER",
            "ENTITLEMENT_GRANTED, EXPRESS_UPGRADE", "APOLOGY, APOLOGY"})
    void everyMessageGreetsTheCustomerByTheNameTheOrderGave(MessageKind kind, Instrument instrument) {
        CompensationRequested command = choosableUntil(command(instrument, Money.of(1240, "EUR"), delay(false),
                kind == MessageKind.CHOICE_OFFERED ? List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(1800, "EUR"), 365, false))
                        : List.of()), kind == MessageKind.CHOICE_OFFERED ? NOW.plus(48, ChronoUnit.HOURS) : null);
        MessageFacts facts = facts(kind, command, FulfilmentStatus.SUCCEEDED, "ref-1", true);

        assertThat(renderer.render(facts, named(contact("en", "card"), "Anna Schmidt"), NOW).body())
                .startsWith("Hello Anna Schmidt,\n\n");
        assertThat(renderer.render(facts, named(contact("de", "card"), "Anna Schmidt"), NOW).body())
                .startsWith("Guten Tag Anna Schmidt,\n\n");
        assertThat(renderer.render(facts, contact("de", "card"), NOW).body()).as("no name given")
                .startsWith("Guten Tag,\n\n");
    }

    @Test
    void aRefundOfferedWithAChoiceStartsItsHorizonWhenTheTimeToChooseIsUp() {
        CompensationRequested command = choosableUntil(command(Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"),
                delay(false), List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(1800, "EUR"), 365, false))),
                NOW.plus(48, ChronoUnit.HOURS));

        String body = renderer.render(facts(MessageKind.CHOICE_OFFERED, command, FulfilmentStatus.RECEIVED, null, true),
                contact("en", "card"), NOW).body();

        // Five banking days from Sunday 6 December, not from Friday 4 December.
        assertThat(body).contains("If you do not choose, we refund you 12.40 EUR on Sunday, 6 December 2026, 11:00; "
                + "the refund then reaches your card within 3 to 5 banking days, by Friday, 11 December 2026 at the latest.");
    }

    @Test
    void messagesOtherThanTheOfferListNoAlternativesBecauseTheyCanNoLongerBeChosen() {
        CompensationRequested command = choosableUntil(command(Instrument.STORE_CREDIT, Money.of(2000, "EUR"),
                delay(false), List.of(new Remedy(Instrument.VOUCHER, Money.of(2800, "EUR"), 180, false))),
                NOW.plus(48, ChronoUnit.HOURS));

        String credit = renderer.render(facts(MessageKind.CREDIT_AVAILABLE, command, FulfilmentStatus.SUCCEEDED,
                "credit-1", true), contact("en", "card"), NOW).body();

        assertThat(credit).contains("we have added a store credit of 20.00 EUR to your customer account")
                .doesNotContain("/api/choices/").doesNotContain("voucher");
    }

    @Test
    void theChosenAlternativeIsWhatTheLaterMessageSpeaksOf() {
        CompensationRequested command = choosableUntil(command(Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"),
                delay(false), List.of(new Remedy(Instrument.VOUCHER, Money.of(1800, "EUR"), 180, false))),
                NOW.minus(1, ChronoUnit.HOURS));
        MessageFacts facts = new MessageFacts(MessageKind.VOUCHER_ISSUED, command,
                step(Instrument.VOUCHER, FulfilmentStatus.SUCCEEDED, "GW-ABCD-EFGH"), false,
                new Remedy(Instrument.VOUCHER, Money.of(1800, "EUR"), 180, false));

        RenderedMessage message = renderer.render(facts, contact("en", "card"), NOW);

        assertThat(message.subject()).contains("18.00 EUR");
        assertThat(message.body()).contains("GW-ABCD-EFGH").contains("18.00 EUR").doesNotContain("12.40");
    }

    @Test
    void shippedReplacementGivesItsTrackingNumberAndWhenItArrives() {
        MessageFacts facts = facts(MessageKind.REPLACEMENT_SHIPPED, command(Instrument.REPLACEMENT, Money.of(4999, "EUR"),
                caseOf(IncidentClass.DAMAGED, false), List.of()), FulfilmentStatus.SUCCEEDED, "JD014600006789", false);

        RenderedMessage en = renderer.render(facts, contact("en", "card"), NOW);
        RenderedMessage de = renderer.render(facts, contact("de", "card"), NOW);

        assertThat(en.subject()).isEqualTo("Your replacement for order ord-1 is on its way");
        assertThat(en.body()).contains("It reaches you within 2 to 4 working days, by Thursday, 10 December 2026 at the latest.")
                .contains("Tracking number: JD014600006789 (DHL)")
                // A follow-up: the apology was in the announcement.
                .doesNotContain("reached you damaged");
        assertThat(de.body()).contains("Sendungsnummer: JD014600006789 (DHL)")
                .contains("innerhalb von 2 bis 4 Werktagen, spätestens am Donnerstag, 10. Dezember 2026");
    }

    @Test
    void predictedDelayIsToldBeforeThePromisedDateWithTheNewExpectedDate() {
        MessageFacts facts = facts(MessageKind.CREDIT_AVAILABLE, command(Instrument.STORE_CREDIT, Money.of(650, "EUR"),
                delay(true), List.of()), FulfilmentStatus.SUCCEEDED, "credit-1", true);

        RenderedMessage en = renderer.render(facts, contact("en", "card"), NOW);
        RenderedMessage de = renderer.render(facts, contact("de", "card"), NOW);

        assertThat(en.subject()).isEqualTo("Your order ord-1 will be late: a store credit of 6.50 EUR for you");
        assertThat(en.body()).contains("Your order ord-1 will not arrive by Saturday, 5 December 2026 as we promised; "
                + "we now expect it on Tuesday, 8 December 2026. We are telling you now, before the date has passed");
        assertThat(de.subject()).isEqualTo("Ihre Bestellung ord-1 verspätet sich: ein Guthaben von 6,50 EUR für Sie");
        assertThat(de.body()).contains("wird nicht wie zugesagt bis Samstag, 5. Dezember 2026 ankommen; "
                + "wir erwarten sie jetzt am Dienstag, 8. Dezember 2026");
    }

    @Test
    void outOfStockReplacementTellsWhatIsDoneInstead() {
        MessageFacts facts = new MessageFacts(MessageKind.FALLBACK_APPLIED,
                command(Instrument.REPLACEMENT, Money.of(4999, "EUR"), caseOf(IncidentClass.LOST, false), List.of()),
                step(Instrument.REPLACEMENT, FulfilmentStatus.FULFILLED_BY_FALLBACK, "refund-7"), false,
                new Remedy(Instrument.FULL_REFUND, Money.of(4999, "EUR")));

        String en = renderer.render(facts, contact("en", "card"), NOW).body();
        String de = renderer.render(facts, contact("de", "card"), NOW).body();

        assertThat(en).contains("The replacement we promised you is out of stock, so instead we are giving you "
                        + "a full refund of 49.99 EUR.")
                .contains("The refund of 49.99 EUR reaches your card within 3 to 5 banking days");
        assertThat(de).contains("Die zugesagte Ersatzlieferung ist nicht mehr vorrätig, deshalb erhalten Sie stattdessen "
                + "die vollständige Erstattung von 49,99 EUR.");
    }

    @Test
    void voucherMessageGivesTheCodeAndItsExpiry() {
        CompensationRequested command = withValidity(command(Instrument.VOUCHER, Money.of(1000, "EUR"),
                delay(false), List.of()), 90);
        String en = renderer.render(facts(MessageKind.VOUCHER_ISSUED, command, FulfilmentStatus.SUCCEEDED,
                "GW-7KQ2-M9XD", true), contact("en", "card"), NOW).body();

        assertThat(en).contains("here is a voucher worth 10.00 EUR for your next order.\nVoucher code: GW-7KQ2-M9XD\n"
                + "It is valid until Thursday, 4 March 2027 and can be redeemed once");
    }

    @Test
    void aLanguageWithoutTemplatesFallsBackToTheDefaultThenEnglish() {
        MessageFacts facts = facts(MessageKind.APOLOGY, command(Instrument.APOLOGY, Money.of(0, "EUR"),
                delay(false), List.of()), FulfilmentStatus.SUCCEEDED, null, true);

        assertThat(renderer.render(facts, contact("fr", "card"), NOW).language()).isEqualTo("en");
        MessageRenderer germanByDefault = new MessageRenderer(new MessageSettings("http://x", "de",
                ZoneId.of("Europe/Berlin"), Map.of()));
        assertThat(germanByDefault.render(facts, contact("fr", "card"), NOW).language()).isEqualTo("de");
        assertThat(germanByDefault.languages("fr")).containsExactly("fr", "de", "en");
    }

    @Test
    void thePolicyTemplateForTheIncidentClassComesFirstThenThePolicyTemplateThenTheInstrumentsDefault() {
        CompensationRequested lost = withTemplate(command(Instrument.STORE_CREDIT, Money.of(500, "EUR"),
                caseOf(IncidentClass.LOST, false), List.of()), "test-policy-template");
        CompensationRequested late = withTemplate(command(Instrument.STORE_CREDIT, Money.of(500, "EUR"),
                delay(false), List.of()), "test-policy-template");
        CompensationRequested unknownTemplate = withTemplate(late, "no-such-template");

        assertThat(MessageRenderer.names(facts(MessageKind.CREDIT_AVAILABLE, lost, FulfilmentStatus.SUCCEEDED, "c", true)))
                .containsExactly("test-policy-template.LOST", "test-policy-template", "STORE_CREDIT.LOST", "STORE_CREDIT",
                        "default");
        assertThat(renderer.render(facts(MessageKind.CREDIT_AVAILABLE, lost, FulfilmentStatus.SUCCEEDED, "c", true),
                contact("en", "card"), NOW).subject()).isEqualTo("policy template for a lost parcel 5.00 EUR");
        assertThat(renderer.render(facts(MessageKind.CREDIT_AVAILABLE, late, FulfilmentStatus.SUCCEEDED, "c", true),
                contact("en", "card"), NOW).template()).isEqualTo("credit-available/test-policy-template.en");
        // In German the policy's template does not exist: the German default beats an English specific one.
        assertThat(renderer.render(facts(MessageKind.CREDIT_AVAILABLE, late, FulfilmentStatus.SUCCEEDED, "c", true),
                contact("de", "card"), NOW).template()).isEqualTo("credit-available/default.de");
        assertThat(renderer.render(facts(MessageKind.CREDIT_AVAILABLE, unknownTemplate, FulfilmentStatus.SUCCEEDED, "c",
                true), contact("en", "card"), NOW).template()).isEqualTo("credit-available/default.en");
    }

    static Stream<Arguments> everyMessage() {
        // Every kind of message for every instrument, and every incident class (the classes cycle through them).
        List<Arguments> all = new ArrayList<>();
        IncidentClass[] classes = IncidentClass.values();
        int next = 0;
        for (Instrument instrument : Instrument.values()) {
            for (FulfilmentStatus status : FulfilmentStatus.values()) {
                var kind = MessageKind.forStep(instrument, status, false);
                if (kind.isEmpty()) {
                    continue;
                }
                IncidentClass incidentClass = classes[next++ % classes.length];
                for (String language : List.of("de", "en")) {
                    all.add(Arguments.of(kind.get(), instrument, incidentClass, language));
                }
            }
        }
        for (IncidentClass incidentClass : classes) {
            for (String language : List.of("de", "en")) {
                all.add(Arguments.of(MessageKind.APOLOGY, Instrument.APOLOGY, incidentClass, language));
            }
        }
        for (Instrument instrument : Instrument.values()) {
            IncidentClass incidentClass = classes[next++ % classes.length];
            for (String language : List.of("de", "en")) {
                all.add(Arguments.of(MessageKind.forStep(instrument, FulfilmentStatus.RECEIVED, true).orElseThrow(),
                        instrument, incidentClass, language));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageRendersCompletelyAndBlamesNoSystem(MessageKind kind, Instrument instrument,
                                                        IncidentClass incidentClass, String language) {
        CompensationRequested command = choosableUntil(withValidity(command(instrument, Money.of(1999, "EUR"),
                caseOf(incidentClass, incidentClass == IncidentClass.PREDICTED_DELAY),
                List.of(new Remedy(Instrument.VOUCHER, Money.of(2500, "EUR"), 365, false))), 365),
                NOW.plus(48, ChronoUnit.HOURS));
        MessageFacts facts = new MessageFacts(kind, command, step(instrument, FulfilmentStatus.SUCCEEDED, "REF-1"), true,
                kind == MessageKind.FALLBACK_APPLIED ? new Remedy(Instrument.STORE_CREDIT, Money.of(1999, "EUR")) : null);

        RenderedMessage message = renderer.render(facts, contact(language, "card"), NOW);

        assertThat(message.language()).isEqualTo(language);
        assertThat(message.subject()).isNotBlank().contains("ord-1");
        assertThat(message.body()).contains("ord-1").doesNotContain("{", "}", "null", "NOT_FOUND")
                .doesNotContainIgnoringCase("system").doesNotContainIgnoringCase("technical")
                .doesNotContainIgnoringCase("technisch");
        assertThat(message.body()).contains(language.equals("de") ? "verantwortlich" : "our responsibility");
    }

    private static MessageFacts facts(MessageKind kind, CompensationRequested command, FulfilmentStatus status,
                                      String reference, boolean first) {
        return new MessageFacts(kind, command, step(command.instrument(), status, reference), first, null);
    }

    private static FulfilmentRecorded step(Instrument instrument, FulfilmentStatus status, String reference) {
        return new FulfilmentRecorded("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", instrument, Money.of(0, "EUR"),
                status, reference, null, NOW);
    }

    static CompensationRequested command(Instrument instrument, Money amount, CaseFacts facts, List<Remedy> alternatives) {
        Integer validForDays = instrument == Instrument.STORE_CREDIT ? 365 : null;
        return new CompensationRequested("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", instrument, amount,
                "goodwill-cmd-1", NOW, validForDays, false, List.of(), alternatives, facts, "2026-12-01.1",
                "TEST", null, false);
    }

    private static CompensationRequested withTemplate(CompensationRequested c, String template) {
        return new CompensationRequested(c.commandId(), c.decisionId(), c.incidentId(), c.orderId(), c.customerId(),
                c.instrument(), c.amount(), c.idempotencyKey(), c.requestedAt(), c.validForDays(), c.memoryAnchor(),
                c.fallbacks(), c.alternatives(), c.facts(), c.policyVersion(), c.reasonCode(), template, c.statutory());
    }

    private static CompensationRequested withValidity(CompensationRequested c, Integer days) {
        return new CompensationRequested(c.commandId(), c.decisionId(), c.incidentId(), c.orderId(), c.customerId(),
                c.instrument(), c.amount(), c.idempotencyKey(), c.requestedAt(), days, c.memoryAnchor(),
                c.fallbacks(), c.alternatives(), c.facts(), c.policyVersion(), c.reasonCode(), c.messageTemplate(),
                c.statutory());
    }

    /** Promised for Saturday 5 December, now expected Tuesday 8 December (Berlin). */
    static CaseFacts delay(boolean predicted) {
        return caseOf(predicted ? IncidentClass.PREDICTED_DELAY : IncidentClass.DELAY, predicted);
    }

    static CaseFacts caseOf(IncidentClass incidentClass, boolean proactive) {
        return new CaseFacts(incidentClass, Severity.MEDIUM, proactive ? IncidentSource.PREDICTION : IncidentSource.CARRIER,
                IncidentLifecycle.OPENED, 72L, proactive ? 0.9 : null, Instant.parse("2026-12-08T12:00:00Z"),
                Instant.parse("2026-12-05T18:00:00Z"), "DE", "web", "DHL", "JD0001", proactive);
    }

    private static Contact contact(String language, String paymentMethod) {
        return new Contact("ord-1", "cust-1", "kim@example.org", language, "DE", paymentMethod,
                Instant.parse("2026-12-05T18:00:00Z"), null);
    }

    private static Contact named(Contact contact, String name) {
        return new Contact(contact.orderId(), contact.customerId(), contact.email(), contact.language(), contact.market(),
                contact.paymentMethod(), contact.promisedDeliveryBy(), name);
    }
}
