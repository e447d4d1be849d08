package com.goodwill.fulfillment.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
     * {@link #add} for many messages in one round trip (a JDBC batch); returns, per message, whether it was written.
     * Plain JDBC on the transaction's connection: it neither flushes nor waits for the entities of the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean[] addAll(List<CustomerMessageEntity> messages) {
        if (messages.isEmpty()) {
            return new boolean[0];
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into customer_message (message_id, command_id, decision_id, incident_id, order_id,
                        customer_id, kind, status, facts, cause_event_id, attempts, next_attempt_at, last_error,
                        created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                    on conflict (message_id) do nothing""")) {
                for (CustomerMessageEntity m : messages) {
                    insert.setString(1, m.messageId);
                    insert.setString(2, m.commandId);
                    insert.setString(3, m.decisionId);
                    insert.setString(4, m.incidentId);
                    insert.setString(5, m.orderId);
                    insert.setString(6, m.customerId);
                    insert.setString(7, m.kind);
                    insert.setString(8, m.status);
                    insert.setString(9, m.facts);
                    insert.setString(10, m.causeEventId);
                    insert.setObject(11, utc(m.nextAttemptAt));
                    insert.setString(12, m.lastError);
                    insert.setObject(13, utc(m.createdAt));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                boolean[] written = new boolean[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    written[i] = counts[i] == 1 || counts[i] == Statement.SUCCESS_NO_INFO;
                }
                return written;
            }
        });
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
                insert.setArray(2, connection.createArrayOf("text", commands.stream().map(c -> c[0]).toArray(String[]::new)));
                insert.setArray(3, connection.createArrayOf("text", commands.stream().map(c -> c[1]).toArray(String[]::new)));
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
     * the locks are held until the caller's transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<CustomerMessageEntity> claimDue(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        select * from customer_message
                        where status = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at, created_at limit ?2 for update skip locked""", CustomerMessageEntity.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
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
