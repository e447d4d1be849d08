package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.CustomerNotified;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.fulfillment.config.NotificationConfig;
import com.goodwill.fulfillment.persistence.ContactBook;
import com.goodwill.fulfillment.persistence.CustomerMessageEntity;
import com.goodwill.fulfillment.persistence.MailOutbox;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import com.goodwill.kit.worker.PollingWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the mail outbox over SMTP (Quarkus Mailer), oldest first, up to a batch of messages per transaction: the rows
 * are locked (other instances skip them), each mail is written in the customer's language and handed to the SMTP
 * server (several at once, over the mailer's connection pool), and each row is marked SENT together with a
 * {@code CustomerNotified} event in the service-kit outbox, in one commit for the batch (the rows are claimed and
 * written back with plain SQL, one statement each way). A failed hand-over is retried
 * with growing waits and finally marked FAILED. A crash after the SMTP server took a mail but before the commit sends
 * it again with the same Message-ID, which mail clients and servers recognise as the same message.
 */
@ApplicationScoped
public class MailDispatcher {

    public static final String SOURCE = "/goodwill/fulfillment-service";
    public static final String CHANNEL = "EMAIL";
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final int BATCH = 100;
    /**
     * How long a mail may take to be handed over before it counts as failed (and is retried): well within the
     * transaction timeout, so that the batch still commits what was sent.
     */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MailOutbox mailOutbox;
    private final ContactBook contacts;
    private final MessageRenderer renderer;
    private final ReactiveMailer mailer;
    private final Outbox outbox;
    private final NotificationConfig config;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PollingWorker worker;

    public MailDispatcher(MailOutbox mailOutbox, ContactBook contacts, MessageRenderer renderer, ReactiveMailer mailer,
                          Outbox outbox, NotificationConfig config, MeterRegistry meters, Clock clock) {
        this.mailOutbox = mailOutbox;
        this.contacts = contacts;
        this.renderer = renderer;
        this.mailer = mailer;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
        this.worker = new PollingWorker("mail-dispatcher", config.pollInterval(), this::sendDue);
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(Duration.ofSeconds(10));
    }

    /** Called after a commit that wrote messages to send. */
    public void wake() {
        worker.wake();
    }

    /** One round: the due messages, up to a batch, in one transaction; true when the batch was full. */
    private boolean sendDue() {
        return QuarkusTransaction.requiringNew().call(() -> sendDue(BATCH)) >= BATCH;
    }

    /**
     * Claims up to {@code limit} due messages, oldest first, and sends them; runs in the caller's transaction, which
     * records every outcome and the sent ones' events together (one commit for the batch, not one per mail).
     *
     * @return how many were claimed
     */
    int sendDue(int limit) {
        List<CustomerMessageEntity> due = mailOutbox.claimDue(clock.instant(), limit);
        if (!due.isEmpty()) {
            Map<String, Contact> found = contacts.findAll(due.stream().map(m -> m.orderId).collect(Collectors.toSet()));
            deliverAll(due, orderId -> Optional.ofNullable(found.get(orderId)));
            mailOutbox.recordOutcomes(due);
        }
        return due.size();
    }

    /**
     * Writes the claimed messages, hands them to the SMTP server all at once (the mailer's connection pool bounds how
     * many at a time) and records each one's outcome on it; the sent ones' {@code CustomerNotified} events go into
     * the outbox together. Runs in the claiming transaction.
     */
    void deliverAll(List<CustomerMessageEntity> messages, Function<String, Optional<Contact>> contactOf) {
        Instant now = clock.instant();
        List<Sending> sending = new ArrayList<>(messages.size());
        for (CustomerMessageEntity message : messages) {
            Optional<Contact> contact = contactOf.apply(message.orderId).filter(Contact::reachable);
            if (contact.isEmpty()) {
                message.status = CustomerMessageEntity.NO_CONTACT;
                message.lastError = "no e-mail address for the order";
                LOG.warnf("No contact for order %s: message %s waits", message.orderId, message.messageId);
                count("no_contact");
                continue;
            }
            RenderedMessage rendered;
            try {
                rendered = renderer.render(facts(message), contact.get(), now);
            } catch (RuntimeException e) {
                // A template or stored fact that cannot be read will not get better by retrying.
                message.status = CustomerMessageEntity.FAILED;
                message.lastError = truncate("cannot write the message: " + e.getMessage());
                LOG.errorf(e, "Message %s for order %s cannot be written", message.messageId, message.orderId);
                count("failed");
                continue;
            }
            message.attempts++;
            Mail mail = Mail.withText(contact.get().email(), rendered.subject(), rendered.body())
                    .addHeader("Message-ID", "<" + message.messageId + "@" + config.messageIdDomain() + ">")
                    .addHeader("Content-Language", rendered.language());
            sending.add(new Sending(message, rendered, send(mail)));
        }
        List<Outbox.Pending> events = new ArrayList<>(sending.size());
        for (Sending one : sending) {
            try {
                one.handedOver().join();
            } catch (CompletionException | CancellationException e) {
                failed(one.message(), now, e.getCause() != null ? e.getCause() : e);
                continue;
            }
            events.add(sent(one.message(), one.rendered(), now));
        }
        if (events.size() == 1) {
            outbox.publish(events.get(0).topic(), events.get(0).event());
        } else if (!events.isEmpty()) {
            outbox.publishAll(events);
        }
    }

    /**
     * What the message is worded from. The facts of a command executed here leave the command out (it is in the
     * command's row, read with the claimed message); those of a command remembered otherwise carry it.
     */
    static MessageFacts facts(CustomerMessageEntity message) {
        MessageFacts facts = CustomerMessages.fromJson(message.facts, MessageFacts.class);
        if (facts.command() != null) {
            return facts;
        }
        if (message.commandJson == null) {
            throw new IllegalStateException("the facts leave the command out and command " + message.commandId
                    + " is not stored");
        }
        return new MessageFacts(facts.kind(), CustomerMessages.fromJson(message.commandJson, CompensationRequested.class),
                facts.step(), facts.first(), facts.appliedInstead());
    }

    /** A mail on its way to the SMTP server. */
    private record Sending(CustomerMessageEntity message, RenderedMessage rendered, CompletableFuture<Void> handedOver) {
    }

    private CompletableFuture<Void> send(Mail mail) {
        try {
            return mailer.send(mail).ifNoItem().after(SEND_TIMEOUT)
                    .failWith(() -> new IllegalStateException("no answer within " + SEND_TIMEOUT.toSeconds() + " s"))
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void failed(CustomerMessageEntity message, Instant now, Throwable e) {
        message.lastError = truncate("SMTP: " + e.getMessage());
        if (message.attempts >= config.maxAttempts()) {
            message.status = CustomerMessageEntity.FAILED;
            LOG.errorf("Message %s for order %s failed after %d attempts: %s", message.messageId, message.orderId,
                    message.attempts, e.getMessage());
            count("failed");
        } else {
            message.nextAttemptAt = now.plus(backoff(message.attempts));
            LOG.warnf("Message %s for order %s not sent (attempt %d), retried at %s: %s", message.messageId,
                    message.orderId, message.attempts, message.nextAttemptAt, e.getMessage());
            count("retry");
        }
    }

    private Outbox.Pending sent(CustomerMessageEntity message, RenderedMessage rendered, Instant now) {
        message.status = CustomerMessageEntity.SENT;
        message.sentAt = now;
        message.template = rendered.template();
        message.language = rendered.language();
        message.lastError = null;
        CustomerNotified notified = new CustomerNotified(message.messageId, message.commandId, message.decisionId,
                message.orderId, message.customerId, message.kind, rendered.template(), rendered.language(), CHANNEL, now);
        count("sent");
        LOG.debugf("Told the customer of order %s: %s (%s, %s)", message.orderId, message.kind, rendered.template(),
                rendered.language());
        return new Outbox.Pending(Topics.FULFILMENT_RESULTS, EventCodec.wrap(DerivedId.of("customer-notified",
                message.messageId), EventTypes.CUSTOMER_NOTIFIED, SOURCE, message.orderId, now, message.incidentId,
                message.causeEventId, notified));
    }

    /** Doubles from the initial wait, capped. */
    Duration backoff(int attempts) {
        Duration wait = config.retryInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    private void count(String outcome) {
        meters.counter("goodwill.customer.messages", "outcome", outcome).increment();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
