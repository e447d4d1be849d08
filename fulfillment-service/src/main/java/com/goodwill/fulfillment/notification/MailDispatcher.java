package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
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
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends the mail outbox over SMTP (Quarkus Mailer), oldest first, one message per transaction: the row is locked
 * (other instances skip it), the mail is written in the customer's language and handed to the SMTP server, and the
 * row is marked SENT together with a {@code CustomerNotified} event in the service-kit outbox. A failed hand-over is
 * retried with growing waits and finally marked FAILED. A crash after the SMTP server took the mail but before the
 * commit sends it again with the same Message-ID, which mail clients and servers recognise as the same message.
 */
@ApplicationScoped
public class MailDispatcher {

    public static final String SOURCE = "/goodwill/fulfillment-service";
    public static final String CHANNEL = "EMAIL";
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final int BATCH = 100;

    private final MailOutbox mailOutbox;
    private final ContactBook contacts;
    private final MessageRenderer renderer;
    private final Mailer mailer;
    private final Outbox outbox;
    private final NotificationConfig config;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PollingWorker worker;

    public MailDispatcher(MailOutbox mailOutbox, ContactBook contacts, MessageRenderer renderer, Mailer mailer,
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

    /** One round: the due messages, up to a batch; true when the batch was full. */
    private boolean sendDue() {
        int handled = 0;
        while (worker.running() && handled < BATCH && sendNextDue()) {
            handled++;
        }
        return handled >= BATCH;
    }

    /** Sends the oldest due message; false when none is due. */
    boolean sendNextDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<CustomerMessageEntity> due = mailOutbox.claimNextDue(clock.instant());
            due.ifPresent(this::deliver);
            return due.isPresent();
        });
    }

    /** Writes and sends one claimed message and records the outcome on it; runs in the claiming transaction. */
    void deliver(CustomerMessageEntity message) {
        Instant now = clock.instant();
        Optional<Contact> contact = contacts.find(message.orderId).filter(Contact::reachable);
        if (contact.isEmpty()) {
            message.status = CustomerMessageEntity.NO_CONTACT;
            message.lastError = "no e-mail address for the order";
            LOG.warnf("No contact for order %s: message %s waits", message.orderId, message.messageId);
            count("no_contact");
            return;
        }
        RenderedMessage rendered;
        try {
            MessageFacts facts = CustomerMessages.fromJson(message.facts, MessageFacts.class);
            rendered = renderer.render(facts, contact.get(), now);
        } catch (RuntimeException e) {
            // A template or stored fact that cannot be read will not get better by retrying.
            message.status = CustomerMessageEntity.FAILED;
            message.lastError = truncate("cannot write the message: " + e.getMessage());
            LOG.errorf(e, "Message %s for order %s cannot be written", message.messageId, message.orderId);
            count("failed");
            return;
        }
        message.attempts++;
        try {
            mailer.send(Mail.withText(contact.get().email(), rendered.subject(), rendered.body())
                    .addHeader("Message-ID", "<" + message.messageId + "@" + config.messageIdDomain() + ">")
                    .addHeader("Content-Language", rendered.language()));
        } catch (RuntimeException e) {
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
            return;
        }
        message.status = CustomerMessageEntity.SENT;
        message.sentAt = now;
        message.template = rendered.template();
        message.language = rendered.language();
        message.lastError = null;
        CustomerNotified notified = new CustomerNotified(message.messageId, message.commandId, message.decisionId,
                message.orderId, message.customerId, message.kind, rendered.template(), rendered.language(), CHANNEL, now);
        outbox.publish(Topics.FULFILMENT_RESULTS, EventCodec.wrap(DerivedId.of("customer-notified", message.messageId),
                EventTypes.CUSTOMER_NOTIFIED, SOURCE, message.orderId, now, message.incidentId, message.causeEventId,
                notified));
        count("sent");
        LOG.infof("Told the customer of order %s: %s (%s, %s)", message.orderId, message.kind, rendered.template(),
                rendered.language());
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
