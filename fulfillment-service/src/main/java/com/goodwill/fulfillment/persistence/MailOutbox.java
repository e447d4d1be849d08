package com.goodwill.fulfillment.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static com.goodwill.kit.jdbc.ArrayParameters.int4;
import static com.goodwill.kit.jdbc.ArrayParameters.text;
import static com.goodwill.kit.jdbc.ArrayParameters.time;

/**
 * The table of messages to customers, written in the transaction of the step they tell about and sent after commit
 * by {@link com.goodwill.fulfillment.notification.MailDispatcher}.
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager entityManager;

    public MailOutbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Writes the message unless one with its id exists (a step recorded again); true if written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(CustomerMessageEntity m) {
        return entityManager.createNativeQuery("""
                        insert into customer_message (message_id, command_id, decision_id, incident_id, order_id,
                            customer_id, kind, status, facts, cause_event_id, attempts, next_attempt_at, last_error,
                            created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13)
                        on conflict (message_id) do nothing""")
                .setParameter(1, m.messageId)
                .setParameter(2, m.commandId)
                .setParameter(3, m.decisionId)
                .setParameter(4, m.incidentId)
                .setParameter(5, m.orderId)
                .setParameter(6, m.customerId)
                .setParameter(7, m.kind)
                .setParameter(8, m.status)
                .setParameter(9, m.facts)
                .setParameter(10, m.causeEventId)
                .setParameter(11, m.nextAttemptAt)
                .setParameter(12, m.lastError)
                .setParameter(13, m.createdAt)
                .executeUpdate() == 1;
    }

    /**
     * {@link #add} for many messages in one statement (an insert from arrays, not a statement per row); returns, per
     * message, whether it was written. Plain JDBC on the transaction's connection: it neither flushes nor waits for the
     * entities of the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean[] addAll(List<CustomerMessageEntity> messages) {
        if (messages.isEmpty()) {
            return new boolean[0];
        }
        Set<String> inserted = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into customer_message (message_id, command_id, decision_id, incident_id, order_id,
                        customer_id, kind, status, facts, cause_event_id, attempts, next_attempt_at, last_error,
                        created_at)
                    select u.message_id, u.command_id, u.decision_id, u.incident_id, u.order_id, u.customer_id, u.kind,
                           u.status, u.facts, u.cause_event_id, 0, u.next_attempt_at::timestamptz, u.last_error,
                           u.created_at::timestamptz
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) with ordinality
                           as u(message_id, command_id, decision_id, incident_id, order_id, customer_id, kind, status,
                                facts, cause_event_id, next_attempt_at, last_error, created_at, n)
                     order by u.n
                    on conflict (message_id) do nothing
                    returning message_id""")) {
                insert.setArray(1, text(connection, messages, m -> m.messageId));
                insert.setArray(2, text(connection, messages, m -> m.commandId));
                insert.setArray(3, text(connection, messages, m -> m.decisionId));
                insert.setArray(4, text(connection, messages, m -> m.incidentId));
                insert.setArray(5, text(connection, messages, m -> m.orderId));
                insert.setArray(6, text(connection, messages, m -> m.customerId));
                insert.setArray(7, text(connection, messages, m -> m.kind));
                insert.setArray(8, text(connection, messages, m -> m.status));
                insert.setArray(9, text(connection, messages, m -> m.facts));
                insert.setArray(10, text(connection, messages, m -> m.causeEventId));
                insert.setArray(11, text(connection, messages, m -> time(m.nextAttemptAt)));
                insert.setArray(12, text(connection, messages, m -> m.lastError));
                insert.setArray(13, text(connection, messages, m -> time(m.createdAt)));
                Set<String> ids = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
        boolean[] written = new boolean[messages.size()];
        for (int i = 0; i < written.length; i++) {
            // A message id given twice is written once: only its first entry counts as written.
            written[i] = inserted.remove(messages.get(i).messageId);
        }
        return written;
    }

    /** The ids of the messages written so far for each of the commands, in one round trip, without flushing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Set<String>> messageIdsOf(Collection<String> commandIds) {
        if (commandIds.isEmpty()) {
            return Map.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select command_id, message_id from customer_message where command_id = any(?)")) {
                select.setArray(1, connection.createArrayOf("text", commandIds.toArray(String[]::new)));
                Map<String, Set<String>> found = new HashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.computeIfAbsent(rs.getString(1), c -> new HashSet<>()).add(rs.getString(2));
                    }
                }
                return found;
            }
        });
    }

    /** {@link #rememberCommand} for many commands ({@code [commandId, json]}) in one round trip. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rememberCommands(List<String[]> commands, Instant now) {
        if (commands.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into message_case (command_id, command, recorded_at)
                    select c.id, c.command, ? from unnest(?, ?) as c(id, command)
                    on conflict (command_id) do nothing""")) {
                insert.setObject(1, utc(now));
                insert.setArray(2, text(connection, commands, c -> c[0]));
                insert.setArray(3, text(connection, commands, c -> c[1]));
                insert.executeUpdate();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean anyFor(String commandId) {
        return !entityManager.createNativeQuery("select 1 from customer_message where command_id = ?1 limit 1")
                .setParameter(1, commandId).getResultList().isEmpty();
    }

    /**
     * Locks up to {@code limit} of the oldest messages due for sending, skipping those another instance is sending;
     * the locks are held until the caller's transaction ends. Each comes with its command's JSON from the command's
     * row ({@link CustomerMessageEntity#commandJson}), which the facts of a command executed here leave out. Plain
     * JDBC into rows Hibernate does not manage (no entity mapping or dirty check for a hundred rows a round): what
     * sending did to them is written back with {@link #recordOutcomes}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CustomerMessageEntity> claimDue(Instant now, int limit) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select m.message_id, m.command_id, m.decision_id, m.incident_id, m.order_id, m.customer_id, m.kind,
                           m.status, m.facts, m.cause_event_id, m.template, m.language, m.attempts, m.next_attempt_at,
                           m.last_error, m.created_at, m.sent_at, c.command_json
                      from customer_message m left join compensation_command c on c.command_id = m.command_id
                     where m.status = 'PENDING' and m.next_attempt_at <= ?
                     order by m.next_attempt_at, m.created_at limit ? for update of m skip locked""")) {
                select.setObject(1, utc(now));
                select.setInt(2, limit);
                List<CustomerMessageEntity> due = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        CustomerMessageEntity m = new CustomerMessageEntity();
                        m.messageId = rs.getString(1);
                        m.commandId = rs.getString(2);
                        m.decisionId = rs.getString(3);
                        m.incidentId = rs.getString(4);
                        m.orderId = rs.getString(5);
                        m.customerId = rs.getString(6);
                        m.kind = rs.getString(7);
                        m.status = rs.getString(8);
                        m.facts = rs.getString(9);
                        m.causeEventId = rs.getString(10);
                        m.template = rs.getString(11);
                        m.language = rs.getString(12);
                        m.attempts = rs.getInt(13);
                        m.nextAttemptAt = instant(rs.getObject(14, OffsetDateTime.class));
                        m.lastError = rs.getString(15);
                        m.createdAt = instant(rs.getObject(16, OffsetDateTime.class));
                        m.sentAt = instant(rs.getObject(17, OffsetDateTime.class));
                        m.commandJson = rs.getString(18);
                        due.add(m);
                    }
                }
                return due;
            }
        });
    }

    /**
     * Writes back what sending did to messages {@link #claimDue claimed} in this transaction (status, attempts, next
     * attempt, error, template, language, sent time), all in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordOutcomes(List<CustomerMessageEntity> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int updated = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update customer_message m
                       set status = u.status, attempts = u.attempts, next_attempt_at = u.next_attempt_at::timestamptz,
                           last_error = u.last_error, template = u.template, language = u.language,
                           sent_at = u.sent_at::timestamptz
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?)
                           as u(message_id, status, attempts, next_attempt_at, last_error, template, language, sent_at)
                     where m.message_id = u.message_id""")) {
                update.setArray(1, text(connection, messages, m -> m.messageId));
                update.setArray(2, text(connection, messages, m -> m.status));
                update.setArray(3, int4(connection, messages, m -> m.attempts));
                update.setArray(4, text(connection, messages, m -> time(m.nextAttemptAt)));
                update.setArray(5, text(connection, messages, m -> m.lastError));
                update.setArray(6, text(connection, messages, m -> m.template));
                update.setArray(7, text(connection, messages, m -> m.language));
                update.setArray(8, text(connection, messages, m -> time(m.sentAt)));
                return update.executeUpdate();
            }
        });
        if (updated != messages.size()) {
            throw new IllegalStateException("recorded " + updated + " of " + messages.size() + " claimed messages");
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The order's contact has arrived: its waiting messages are due now. Returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseWaitingFor(String orderId, Instant now) {
        return entityManager.createNativeQuery("""
                        update customer_message set status = 'PENDING', next_attempt_at = ?2, last_error = null
                        where order_id = ?1 and status = 'NO_CONTACT'""")
                .setParameter(1, orderId)
                .setParameter(2, now)
                .executeUpdate();
    }

    /** Remembers the command a later step of it will be worded from; the first record wins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rememberCommand(String commandId, String commandJson, Instant now) {
        rememberCommands(List.<String[]>of(new String[]{commandId, commandJson}), now);
    }

    /**
     * The command as remembered for its messages: from {@code message_case}, or, for a command executed here, from its
     * own row (its JSON is kept there and not written twice).
     */
    public Optional<String> command(String commandId) {
        @SuppressWarnings("unchecked")
        List<String> rows = entityManager.createNativeQuery("""
                        select coalesce((select command from message_case where command_id = ?1),
                                        (select command_json from compensation_command where command_id = ?1))""")
                .setParameter(1, commandId).getResultList();
        return rows.stream().filter(Objects::nonNull).findFirst();
    }

    public List<CustomerMessageEntity> forOrder(String orderId) {
        return CustomerMessageEntity.list("orderId = ?1 order by createdAt, messageId", orderId);
    }
}
