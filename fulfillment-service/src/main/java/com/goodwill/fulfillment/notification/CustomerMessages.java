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
import com.goodwill.fulfillment.service.FulfilmentBatch;
import com.goodwill.fulfillment.service.FulfilmentStep;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which steps of a compensation the customer hears about, and puts each message into the mail outbox in
 * the step's own transaction, so a step that commits is told and one that rolls back is not. Also keeps the
 * contact book from the order events. The mail itself goes out after commit ({@link MailDispatcher}).
 */
@ApplicationScoped
public class CustomerMessages {

    private static final Logger LOG = Logger.getLogger(CustomerMessages.class);
    /** Key of the transaction's {@link Batch} while the steps of many commands are recorded together. */
    private static final Object BATCH = CustomerMessages.class.getName() + ".batch";

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
        stepRecorded(step.command(), step.row().commandJson, step.recorded(), step.eventId(),
                step.row().choiceUntil != null);
    }

    /**
     * Many commands' steps are recorded together in this transaction: when it opens, their messages written so far
     * and their orders' contacts are read at once; when it closes, what their steps asked for is written at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onBatch(@Observes FulfilmentBatch batch) {
        if (batch.phase() == FulfilmentBatch.Phase.OPENING) {
            List<String> commandIds = batch.rows().stream().map(r -> r.commandId).toList();
            Set<String> orderIds = batch.rows().stream().map(r -> r.orderId).collect(Collectors.toSet());
            transactions.putResource(BATCH, new Batch(new HashSet<>(commandIds), new HashMap<>(outbox.messageIdsOf(commandIds)),
                    orderIds, contacts.findAll(orderIds)));
            return;
        }
        Batch open = (Batch) transactions.getResource(BATCH);
        if (open == null) {
            return;
        }
        transactions.putResource(BATCH, null);
        outbox.rememberCommands(open.toRemember.entrySet().stream().map(e -> new String[]{e.getKey(), e.getValue()})
                .toList(), clock.instant());
        boolean[] written = outbox.addAll(open.toWrite);
        boolean wake = false;
        for (int i = 0; i < written.length; i++) {
            CustomerMessageEntity message = open.toWrite.get(i);
            if (!written[i]) {
                LOG.debugf("Message %s of command %s written meanwhile; not again", message.messageId, message.commandId);
            } else {
                queued(message);
                wake |= message.status.equals(CustomerMessageEntity.PENDING);
            }
        }
        if (wake) {
            wakeDispatcherAfterCommit();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stepRecorded(CompensationRequested command, FulfilmentRecorded step, String stepEventId) {
        stepRecorded(command, null, step, stepEventId, false);
    }

    /**
     * @param commandJson    the command as JSON when it is stored with its row ({@code compensation_command}), else null:
     *                       then the command is remembered for its later steps ({@code message_case}); a stored one
     *                       is not written a second time, {@link #recall} reads it from its row
     * @param choiceOffered  the command offers the customer a choice (it waits for it when received)
     */
    private void stepRecorded(CompensationRequested command, String commandJson, FulfilmentRecorded step, String stepEventId,
                              boolean choiceOffered) {
        Instant now = clock.instant();
        Batch batch = (Batch) transactions.getResource(BATCH);
        CompensationRequested known = command != null ? command : recall(step, batch);
        if (command != null && commandJson == null && !isFinal(step.status())) {
            if (batch != null) {
                if (!batch.toRemember.containsKey(command.commandId())) {
                    batch.toRemember.put(command.commandId(), toJson(command));
                }
            } else {
                outbox.rememberCommand(command.commandId(), toJson(command), now);
            }
        }
        // After the customer's choice the steps carry the chosen remedy, and the messages speak of it.
        Remedy chosen = chosen(known, step);
        Optional<MessageKind> worth = MessageKind.forStep(chosen != null ? chosen.instrument() : known.instrument(),
                step.status(), choiceOffered);
        if (worth.isEmpty()) {
            return;
        }
        MessageKind kind = worth.get();
        boolean first = batch != null ? batch.messageIds(step.commandId(), outbox).isEmpty() : !outbox.anyFor(step.commandId());
        // A command stored with its row is not repeated in every message's facts: the dispatcher reads it from there.
        MessageFacts facts = new MessageFacts(kind, commandJson != null ? null : known, step, first,
                kind == MessageKind.FALLBACK_APPLIED ? appliedInstead(known, step) : chosen);

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
        Optional<Contact> contact = batch != null ? batch.contact(step.orderId(), contacts) : contacts.find(step.orderId());
        if (contact.isPresent() && contact.get().reachable()) {
            message.status = CustomerMessageEntity.PENDING;
        } else {
            message.status = CustomerMessageEntity.NO_CONTACT;
            message.lastError = contact.isPresent() ? "the order was placed without an e-mail address"
                    : "no order placement with a contact seen for this order yet";
        }
        if (batch != null) {
            // Written when the batch closes, still in this transaction.
            if (!batch.messageIds(step.commandId(), outbox).add(message.messageId)) {
                LOG.debugf("Message %s (%s of command %s) written before; not again", message.messageId, kind, step.commandId());
                return;
            }
            batch.toWrite.add(message);
            return;
        }
        if (!outbox.add(message)) {
            LOG.debugf("Message %s (%s of command %s) written before; not again", message.messageId, kind, step.commandId());
            return;
        }
        queued(message);
        if (message.status.equals(CustomerMessageEntity.PENDING)) {
            wakeDispatcherAfterCommit();
        }
    }

    private void queued(CustomerMessageEntity message) {
        if (message.status.equals(CustomerMessageEntity.NO_CONTACT)) {
            // Kept, not dropped: it goes out as soon as the order's contact arrives.
            LOG.warnf("No contact for order %s: %s message of command %s waits (%s)", message.orderId, message.kind,
                    message.commandId, message.lastError);
            count("no_contact");
        } else {
            count("queued");
        }
    }

    /** What a batch of commands recorded together knows of their messages, and the writes it collects. */
    private static final class Batch {
        private final Set<String> commandIds;
        private final Map<String, Set<String>> messageIds;
        private final Set<String> orderIds;
        private final Map<String, Contact> contacts;
        private final Map<String, String> toRemember = new LinkedHashMap<>();
        private final List<CustomerMessageEntity> toWrite = new ArrayList<>();

        Batch(Set<String> commandIds, Map<String, Set<String>> messageIds, Set<String> orderIds,
              Map<String, Contact> contacts) {
            this.commandIds = commandIds;
            this.messageIds = messageIds;
            this.orderIds = new HashSet<>(orderIds);
            this.contacts = new HashMap<>(contacts);
        }

        /** The ids of the command's messages written so far, in the database or by this batch (mutable). */
        Set<String> messageIds(String commandId, MailOutbox outbox) {
            if (commandIds.add(commandId)) {
                messageIds.putAll(outbox.messageIdsOf(List.of(commandId)));
            }
            return messageIds.computeIfAbsent(commandId, c -> new HashSet<>());
        }

        Optional<Contact> contact(String orderId, ContactBook book) {
            if (orderIds.add(orderId)) {
                book.find(orderId).ifPresent(c -> contacts.put(orderId, c));
            }
            return Optional.ofNullable(contacts.get(orderId));
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

    private CompensationRequested recall(FulfilmentRecorded step, Batch batch) {
        Optional<String> remembered = batch != null && batch.toRemember.containsKey(step.commandId())
                ? Optional.of(batch.toRemember.get(step.commandId())) : outbox.command(step.commandId());
        return remembered.map(json -> fromJson(json, CompensationRequested.class))
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

    /**
     * The alternative the customer chose, when this step carries it out: executing or done with one of the command's
     * alternatives instead of its own instrument (a fallback ends FULFILLED_BY_FALLBACK instead).
     */
    private static Remedy chosen(CompensationRequested command, FulfilmentRecorded step) {
        if ((step.status() != FulfilmentStatus.EXECUTING && step.status() != FulfilmentStatus.SUCCEEDED)
                || step.instrument() == null || step.instrument() == command.instrument()
                || command.alternatives() == null) {
            return null;
        }
        return command.alternatives().stream().filter(a -> a.instrument() == step.instrument()).findFirst().orElse(null);
    }

    private static boolean isFinal(FulfilmentStatus status) {
        return status == FulfilmentStatus.SUCCEEDED || status == FulfilmentStatus.FULFILLED_BY_FALLBACK;
    }

    private void wakeDispatcherAfterCommit() {
        AfterCommit.run(transactions, () -> dispatcher.wake());
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
