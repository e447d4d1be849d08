package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.fulfillment.config.NotificationConfig;
import com.goodwill.fulfillment.persistence.ContactBook;
import com.goodwill.fulfillment.persistence.CustomerMessageEntity;
import com.goodwill.fulfillment.persistence.MailOutbox;
import com.goodwill.kit.outbox.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dispatcher does with one claimed message: send and announce it, or retry it, or give up. */
class MailDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final String ADDRESS = "kim@example.org";

    private final List<Mail> sent = new ArrayList<>();
    private final List<EventEnvelope> published = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RuntimeException smtpFailure;
    /** When set, only this message's mail meets {@link #smtpFailure}. */
    private String refusedMessageId;

    private final ContactBook contacts = new ContactBook(null) {
        @Override
        public Optional<Contact> find(String orderId) {
            return Optional.of(new Contact(orderId, "cust-1", ADDRESS, "en", "GB", "card", NOW.plusSeconds(86_400), null));
        }
    };

    private final MailDispatcher dispatcher = new MailDispatcher(new MailOutbox(null), contacts, new MessageRenderer(new MessageSettings("http://shop", "en", ZoneId.of("Europe/London"), Map.of())),
            mails -> {
                if (smtpFailure != null && (refusedMessageId == null
                        || mails[0].getHeaders().get("Message-ID").contains("<" + refusedMessageId + "@test.example>"))) {
                    return Uni.createFrom().failure(smtpFailure);
                }
                sent.addAll(List.of(mails));
                return Uni.createFrom().voidItem();
            },
            new Outbox(null, null, null, null) {
                @Override
                public void publish(String topic, EventEnvelope event) {
                    assertThat(topic).isEqualTo(Topics.FULFILMENT_RESULTS);
                    published.add(event);
                }

                @Override
                public void publishAll(List<Pending> events) {
                    events.forEach(e -> publish(e.topic(), e.event()));
                }
            }, config(), meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSentMessageCarriesItsIdAsMessageIdAndIsAnnouncedWithoutAddressOrText() {
        CustomerMessageEntity message = message();

        deliver(message);

        assertThat(sent).hasSize(1);
        Mail mail = sent.get(0);
        assertThat(mail.getTo()).containsExactly(ADDRESS);
        assertThat(mail.getHeaders().get("Message-ID")).containsExactly("<msg-1@test.example>");
        assertThat(mail.getHeaders().get("Content-Language")).containsExactly("en");
        assertThat(mail.getSubject()).isEqualTo("Your order ord-1: we are sorry");
        assertThat(message.status).isEqualTo(CustomerMessageEntity.SENT);
        assertThat(message.attempts).isEqualTo(1);
        assertThat(message.sentAt).isEqualTo(NOW);
        assertThat(message.template).isEqualTo("apology/default.en");

        assertThat(published).hasSize(1);
        EventEnvelope event = published.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.CUSTOMER_NOTIFIED);
        assertThat(event.subject()).isEqualTo("ord-1");
        assertThat(event.causationid()).isEqualTo("fulfilment-event-1");
        CustomerNotified notified = EventCodec.dataAs(event, CustomerNotified.class);
        assertThat(notified.messageId()).isEqualTo("msg-1");
        assertThat(notified.kind()).isEqualTo("APOLOGY");
        assertThat(EventCodec.toJson(event)).doesNotContain(ADDRESS).doesNotContain(mail.getSubject());
        assertThat(meters.counter("goodwill.customer.messages", "outcome", "sent").count()).isEqualTo(1);
    }

    @Test
    void anSmtpFailureIsRetriedWithDoublingWaitsAndFailsForGoodAfterTheLastAttempt() {
        smtpFailure = new IllegalStateException("connection refused");
        CustomerMessageEntity message = message();

        deliver(message);
        assertThat(message.status).isEqualTo(CustomerMessageEntity.PENDING);
        assertThat(message.attempts).isEqualTo(1);
        assertThat(message.nextAttemptAt).isEqualTo(NOW.plusSeconds(2));
        assertThat(message.lastError).isEqualTo("SMTP: connection refused");

        deliver(message);
        assertThat(message.nextAttemptAt).isEqualTo(NOW.plusSeconds(4));
        deliver(message);
        assertThat(message.nextAttemptAt).isEqualTo(NOW.plusSeconds(5)); // capped by retry-max
        assertThat(message.status).isEqualTo(CustomerMessageEntity.PENDING);

        deliver(message);
        assertThat(message.attempts).isEqualTo(4);
        assertThat(message.status).isEqualTo(CustomerMessageEntity.FAILED);
        assertThat(sent).isEmpty();
        assertThat(published).isEmpty();
        assertThat(meters.counter("goodwill.customer.messages", "outcome", "retry").count()).isEqualTo(3);
        assertThat(meters.counter("goodwill.customer.messages", "outcome", "failed").count()).isEqualTo(1);
    }

    @Test
    void aMessageThatSucceedsOnRetryIsSentOnce() {
        smtpFailure = new IllegalStateException("421 try again later");
        CustomerMessageEntity message = message();
        deliver(message);
        smtpFailure = null;

        deliver(message);

        assertThat(message.status).isEqualTo(CustomerMessageEntity.SENT);
        assertThat(message.attempts).isEqualTo(2);
        assertThat(message.lastError).isNull();
        assertThat(sent).hasSize(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void aBatchSendsEachMailAndRecordsEachOutcomeOnItsOwnMessage() {
        smtpFailure = new IllegalStateException("452 mailbox full");
        refusedMessageId = "msg-2";
        List<CustomerMessageEntity> batch = List.of(message("msg-1"), message("msg-2"), message("msg-3"));

        dispatcher.deliverAll(batch, orderId -> Optional.of(new Contact(orderId, "cust-1", ADDRESS, "en", "GB", "card",
                NOW.plusSeconds(86_400), null)));

        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(m -> m.getHeaders().get("Message-ID").get(0))
                .containsExactly("<msg-1@test.example>", "<msg-3@test.example>");
        assertThat(batch).extracting(m -> m.status).containsExactly(CustomerMessageEntity.SENT,
                CustomerMessageEntity.PENDING, CustomerMessageEntity.SENT);
        assertThat(batch.get(1).lastError).isEqualTo("SMTP: 452 mailbox full");
        assertThat(batch.get(1).nextAttemptAt).isEqualTo(NOW.plusSeconds(2));
        assertThat(batch).extracting(m -> m.attempts).containsExactly(1, 1, 1);
        assertThat(published).extracting(e -> EventCodec.dataAs(e, CustomerNotified.class).messageId())
                .containsExactly("msg-1", "msg-3");
    }

    @Test
    void aMessageWithoutAReachableContactWaitsUnsent() {
        CustomerMessageEntity message = message();

        dispatcher.deliverAll(List.of(message), orderId -> Optional.empty());

        assertThat(message.status).isEqualTo(CustomerMessageEntity.NO_CONTACT);
        assertThat(message.attempts).isZero();
        assertThat(sent).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void factsThatLeaveTheCommandOutAreWordedFromTheCommandReadWithTheMessage() {
        CustomerMessageEntity message = message();
        MessageFacts stored = CustomerMessages.fromJson(message.facts, MessageFacts.class);
        message.commandJson = CustomerMessages.toJson(stored.command());
        message.facts = CustomerMessages.toJson(new MessageFacts(stored.kind(), null, stored.step(), stored.first(),
                stored.appliedInstead()));

        deliver(message);

        assertThat(message.status).isEqualTo(CustomerMessageEntity.SENT);
        assertThat(message.template).isEqualTo("apology/default.en");
        assertThat(sent).extracting(Mail::getSubject).containsExactly("Your order ord-1: we are sorry");
        assertThat(published).hasSize(1);
    }

    @Test
    void factsThatLeaveTheCommandOutWithoutAStoredCommandFailTheMessageUnsent() {
        CustomerMessageEntity message = message();
        MessageFacts stored = CustomerMessages.fromJson(message.facts, MessageFacts.class);
        message.facts = CustomerMessages.toJson(new MessageFacts(stored.kind(), null, stored.step(), stored.first(),
                stored.appliedInstead()));

        deliver(message);

        assertThat(message.status).isEqualTo(CustomerMessageEntity.FAILED);
        assertThat(message.lastError).startsWith("cannot write the message: ").contains("cmd-1");
        assertThat(sent).isEmpty();
        assertThat(published).isEmpty();
    }

    private static CustomerMessageEntity message(String messageId) {
        CustomerMessageEntity message = message();
        message.messageId = messageId;
        return message;
    }

    private static CustomerMessageEntity message() {
        CompensationRequested command = MessageRendererTest.command(Instrument.APOLOGY, Money.of(0, "EUR"),
                MessageRendererTest.delay(false), List.of());
        FulfilmentRecorded step = new FulfilmentRecorded("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", Instrument.APOLOGY,
                Money.of(0, "EUR"), FulfilmentStatus.SUCCEEDED, null, null, NOW);
        CustomerMessageEntity message = new CustomerMessageEntity();
        message.messageId = "msg-1";
        message.commandId = "cmd-1";
        message.decisionId = "dec-1";
        message.incidentId = "inc-1";
        message.orderId = "ord-1";
        message.customerId = "cust-1";
        message.kind = MessageKind.APOLOGY.name();
        message.status = CustomerMessageEntity.PENDING;
        message.facts = CustomerMessages.toJson(new MessageFacts(MessageKind.APOLOGY, command, step, true, null));
        message.causeEventId = "fulfilment-event-1";
        message.createdAt = NOW;
        message.nextAttemptAt = NOW;
        return message;
    }

    private static NotificationConfig config() {
        return new NotificationConfig() {
            @Override
            public String defaultLanguage() {
                return "en";
            }

            @Override
            public Map<String, String> marketLanguages() {
                return Map.of();
            }

            @Override
            public ZoneId zone() {
                return ZoneId.of("Europe/London");
            }

            @Override
            public String messageIdDomain() {
                return "test.example";
            }

            @Override
            public int maxAttempts() {
                return 4;
            }

            @Override
            public Duration retryInitial() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Map<String, HorizonConfig> horizons() {
                return Map.of();
            }
        };
    }

    /** One claimed message through the dispatcher's round, as the sweep hands it its batch. */
    private void deliver(CustomerMessageEntity message) {
        dispatcher.deliverAll(List.of(message), contacts::find);
    }
}
