package com.goodwill.fulfillment.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.fulfillment.config.NotificationConfig;
import com.goodwill.fulfillment.persistence.ContactBook;
import com.goodwill.fulfillment.persistence.CustomerMessageEntity;
import com.goodwill.fulfillment.persistence.MailOutbox;
import com.goodwill.fulfillment.service.FulfilmentStep;
import com.goodwill.kit.ids.DerivedId;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which steps of a compensation the customer hears about, and puts each message into the mail outbox in
 * the step's own transaction, so a step that commits is told and one that rolls back is not. Also keeps the
 * contact book from the order events. The mail itself goes out after commit ({@link MailDispatcher}).
 */
@ApplicationScoped
public class CustomerMessages {

    private static final Logger LOG = Logger.getLogger(CustomerMessages.class);

    private final MailOutbox outbox;
    private final ContactBook contacts;
    private final MailDispatcher dispatcher;
    private final NotificationConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    public CustomerMessages(MailOutbox outbox, ContactBook contacts, MailDispatcher dispatcher, NotificationConfig config,
                            TransactionSynchronizationRegistry transactions, MeterRegistry meters, Clock clock) {
        this.outbox = outbox;
        this.contacts = contacts;
        this.dispatcher = dispatcher;
        this.config = config;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * A step of a command was recorded; call it in the transaction that records it. Writes the message the step is
     * worth, if any, at most once per command and kind (the message id derives from both).
     *
     * <p>For {@link FulfilmentStatus#FULFILLED_BY_FALLBACK} the step names the remedy carried out instead when its
     * instrument differs from the command's; otherwise the command's first fallback is taken. For replacements the
     * step's reference is the parcel's tracking number, for vouchers the code.
     *
     * @param command     the command, or null when it is not at hand (a later step): it is then read from what this
     *                    class remembered of the command's earlier steps
     * @param stepEventId the id of the fulfilment event of this step (the cause of the customer-notified event)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onStep(@Observes FulfilmentStep step) {
        // Fired synchronously by the step recorder inside its transaction: the message commits with the step.
        stepRecorded(step.command(), step.recorded(), step.eventId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stepRecorded(CompensationRequested command, FulfilmentRecorded step, String stepEventId) {
        Instant now = clock.instant();
        CompensationRequested known = command != null ? command : recall(step);
        if (command != null && !isFinal(step.status())) {
            outbox.rememberCommand(command.commandId(), toJson(command), now);
        }
        Optional<MessageKind> worth = MessageKind.forStep(known.instrument(), step.status());
        if (worth.isEmpty()) {
            return;
        }
        MessageKind kind = worth.get();
        boolean first = !outbox.anyFor(step.commandId());
        MessageFacts facts = new MessageFacts(kind, known, step, first,
                kind == MessageKind.FALLBACK_APPLIED ? appliedInstead(known, step) : null);

        CustomerMessageEntity message = new CustomerMessageEntity();
        message.messageId = messageId(step.commandId(), kind);
        message.commandId = step.commandId();
        message.decisionId = step.decisionId();
        message.incidentId = step.incidentId();
        message.orderId = step.orderId();
        message.customerId = step.customerId();
        message.kind = kind.name();
        message.facts = toJson(facts);
        message.causeEventId = stepEventId;
        message.createdAt = now;
        message.nextAttemptAt = now;
        Optional<Contact> contact = contacts.find(step.orderId());
        if (contact.isPresent() && contact.get().reachable()) {
            message.status = CustomerMessageEntity.PENDING;
        } else {
            message.status = CustomerMessageEntity.NO_CONTACT;
            message.lastError = contact.isPresent() ? "the order was placed without an e-mail address"
                    : "no order placement with a contact seen for this order yet";
        }
        if (!outbox.add(message)) {
            LOG.debugf("Message %s (%s of command %s) written before; not again", message.messageId, kind, step.commandId());
            return;
        }
        if (message.status.equals(CustomerMessageEntity.NO_CONTACT)) {
            // Kept, not dropped: it goes out as soon as the order's contact arrives.
            LOG.warnf("No contact for order %s: %s message of command %s waits (%s)", step.orderId(), kind,
                    step.commandId(), message.lastError);
            count("no_contact");
        } else {
            count("queued");
            wakeDispatcherAfterCommit();
        }
    }

    /** The id of a command's message of one kind; also the mail's Message-ID, so a resent mail is recognisable. */
    public static String messageId(String commandId, MessageKind kind) {
        return DerivedId.of("customer-message", commandId, kind.name());
    }

    /**
     * An order was placed: records whom to tell about it, and sends what was waiting for its contact. Call it in
     * the transaction that records the order event as processed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderPlaced(OrderPlaced order) {
        Instant now = clock.instant();
        contacts.record(order, languageOf(order), now);
        if (order.customerEmail() != null && !order.customerEmail().isBlank()) {
            int released = outbox.releaseWaitingFor(order.orderId(), now);
            if (released > 0) {
                LOG.infof("Contact for order %s arrived: %d waiting message(s) go out now", order.orderId(), released);
                wakeDispatcherAfterCommit();
            }
        }
    }

    /** The order's language; else the market's; else the configured default. */
    String languageOf(OrderPlaced order) {
        if (order.language() != null && order.language().matches("[a-z]{2}")) {
            return order.language();
        }
        String market = order.market() == null ? null : order.market().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(market).map(m -> config.marketLanguages().get(m)).orElse(config.defaultLanguage());
    }

    private CompensationRequested recall(FulfilmentRecorded step) {
        return outbox.command(step.commandId()).map(json -> fromJson(json, CompensationRequested.class))
                // Never seen before: what the step itself says is enough for a plain message.
                .orElseGet(() -> new CompensationRequested(step.commandId(), step.decisionId(), step.incidentId(),
                        step.orderId(), step.customerId(), step.instrument(), step.amount(), null, step.recordedAt()));
    }

    private static Remedy appliedInstead(CompensationRequested command, FulfilmentRecorded step) {
        List<Remedy> fallbacks = command.fallbacks() == null ? List.of() : command.fallbacks();
        if (step.instrument() != null && step.instrument() != command.instrument()) {
            Integer validForDays = fallbacks.stream().filter(f -> f.instrument() == step.instrument()).findFirst()
                    .map(Remedy::validForDays).orElse(null);
            return new Remedy(step.instrument(), step.amount(), validForDays, false);
        }
        return fallbacks.isEmpty() ? null : fallbacks.get(0);
    }

    private static boolean isFinal(FulfilmentStatus status) {
        return status == FulfilmentStatus.SUCCEEDED || status == FulfilmentStatus.FULFILLED_BY_FALLBACK;
    }

    private void wakeDispatcherAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }

    private void count(String outcome) {
        meters.counter("goodwill.customer.messages", "outcome", outcome).increment();
    }

    static String toJson(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T fromJson(String json, Class<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type.getSimpleName(), e);
        }
    }
}
