package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.goodwill.kit.jdbc.ArrayParameters.int4;
import static com.goodwill.kit.jdbc.ArrayParameters.int8;
import static com.goodwill.kit.jdbc.ArrayParameters.text;
import static com.goodwill.kit.jdbc.ArrayParameters.time;

/**
 * Commands, their steps and their journaled calls written and locked with plain SQL, many rows per statement, for the
 * transactions that handle hundreds of commands at once (a poll received, the executions' commits). Their command rows
 * are {@link CommandEntity} objects that Hibernate does not manage: nothing is dirty-checked or flushed for them, and
 * what the transaction changed in them is written back with {@link Tracked#writeChanges()}. Everything else (REST,
 * a single command's transaction) keeps to the entities. Plain JDBC on the transaction's connection: it neither
 * flushes nor waits for the entities of the transaction.
 */
@ApplicationScoped
public class CommandRows {

    private static final String COLUMNS = """
            command_id, decision_id, incident_id, order_id, customer_id, instrument, amount_minor, currency,
            idempotency_key, status, reference, detail, received_at, completed_at, command_json, cause_event_id,
            attempt, executed_instrument, executed_amount_minor, updated_at, choice_until, step_count""";

    private final EntityManager entityManager;

    public CommandRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Inserts new command rows, in their state now, in one statement; what the transaction changes in them afterwards
     * (an internal remedy booked at once) is written with {@link Tracked#writeChanges()}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tracked insertAll(List<CommandEntity> rows) {
        Map<String, CommandEntity> tracked = new LinkedHashMap<>();
        rows.forEach(r -> tracked.put(r.commandId, r));
        if (rows.isEmpty()) {
            return new Tracked(tracked);
        }
        int inserted = work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into compensation_command (" + COLUMNS + """
                    )
                    select u.command_id, u.decision_id, u.incident_id, u.order_id, u.customer_id, u.instrument,
                           u.amount_minor, u.currency, u.idempotency_key, u.status, u.reference, u.detail,
                           u.received_at::timestamptz, u.completed_at::timestamptz, u.command_json, u.cause_event_id,
                           u.attempt, u.executed_instrument, u.executed_amount_minor, u.updated_at::timestamptz,
                           u.choice_until::timestamptz, u.step_count
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) with ordinality
                           as u(command_id, decision_id, incident_id, order_id, customer_id, instrument, amount_minor,
                                currency, idempotency_key, status, reference, detail, received_at, completed_at,
                                command_json, cause_event_id, attempt, executed_instrument, executed_amount_minor,
                                updated_at, choice_until, step_count, n)
                     order by u.n""")) {
                int p = 1;
                insert.setArray(p++, text(connection, rows, r -> r.commandId));
                insert.setArray(p++, text(connection, rows, r -> r.decisionId));
                insert.setArray(p++, text(connection, rows, r -> r.incidentId));
                insert.setArray(p++, text(connection, rows, r -> r.orderId));
                insert.setArray(p++, text(connection, rows, r -> r.customerId));
                insert.setArray(p++, text(connection, rows, r -> name(r.instrument)));
                insert.setArray(p++, int8(connection, rows, r -> r.amountMinor));
                insert.setArray(p++, text(connection, rows, r -> r.currency));
                insert.setArray(p++, text(connection, rows, r -> r.idempotencyKey));
                insert.setArray(p++, text(connection, rows, r -> name(r.status)));
                insert.setArray(p++, text(connection, rows, r -> r.reference));
                insert.setArray(p++, text(connection, rows, r -> r.detail));
                insert.setArray(p++, text(connection, rows, r -> time(r.receivedAt)));
                insert.setArray(p++, text(connection, rows, r -> time(r.completedAt)));
                insert.setArray(p++, text(connection, rows, r -> r.commandJson));
                insert.setArray(p++, text(connection, rows, r -> r.causeEventId));
                insert.setArray(p++, int4(connection, rows, r -> r.attempt));
                insert.setArray(p++, text(connection, rows, r -> name(r.executedInstrument)));
                insert.setArray(p++, int8(connection, rows, r -> r.executedAmountMinor));
                insert.setArray(p++, text(connection, rows, r -> time(r.updatedAt)));
                insert.setArray(p++, text(connection, rows, r -> time(r.choiceUntil)));
                insert.setArray(p, int4(connection, rows, r -> r.stepCount));
                return insert.executeUpdate();
            }
        });
        if (inserted != rows.size()) {
            throw new IllegalStateException("inserted " + inserted + " of " + rows.size() + " commands");
        }
        return new Tracked(tracked);
    }

    /**
     * Locks the commands (in id order, so that two transactions locking overlapping sets never wait for each other
     * crosswise) and reads them as rows Hibernate does not manage.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tracked lock(Collection<String> commandIds) {
        String[] ids = commandIds.stream().distinct().sorted().toArray(String[]::new);
        Map<String, CommandEntity> rows = new LinkedHashMap<>();
        work(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                    + " from compensation_command where command_id = any(?) order by command_id for update")) {
                select.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        CommandEntity row = read(rs);
                        rows.put(row.commandId, row);
                    }
                }
            }
            return null;
        });
        return new Tracked(rows);
    }

    /**
     * Command rows locked by {@link #lock} or inserted by {@link #insertAll}, with what they were then, so that only
     * changed rows are written back.
     */
    public final class Tracked {
        private final Map<String, CommandEntity> rows;
        private final Map<CommandEntity, State> read = new IdentityHashMap<>();

        private Tracked(Map<String, CommandEntity> rows) {
            this.rows = rows;
            rows.values().forEach(r -> read.put(r, State.of(r)));
        }

        /** The locked row of the command, or null if there is none. */
        public CommandEntity get(String commandId) {
            return rows.get(commandId);
        }

        /** Writes back, in one statement, every row whose state changed since it was locked. */
        public void writeChanges() {
            List<CommandEntity> changed = new ArrayList<>();
            for (CommandEntity row : rows.values()) {
                if (!State.of(row).equals(read.get(row))) {
                    changed.add(row);
                }
            }
            updateAll(changed);
            changed.forEach(r -> read.put(r, State.of(r)));
        }
    }

    /** What a transaction may change in a command row (its identity and the command itself never change). */
    private record State(FulfilmentStatus status, String reference, String detail, Instant completedAt, int attempt,
                         Instrument executedInstrument, Long executedAmountMinor, Instant updatedAt, Instant choiceUntil,
                         int stepCount) {
        static State of(CommandEntity r) {
            return new State(r.status, r.reference, r.detail, r.completedAt, r.attempt, r.executedInstrument,
                    r.executedAmountMinor, r.updatedAt, r.choiceUntil, r.stepCount);
        }
    }

    private void updateAll(List<CommandEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int updated = work(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update compensation_command c
                       set status = u.status, reference = u.reference, detail = u.detail,
                           completed_at = u.completed_at::timestamptz, attempt = u.attempt,
                           executed_instrument = u.executed_instrument, executed_amount_minor = u.executed_amount_minor,
                           updated_at = u.updated_at::timestamptz, choice_until = u.choice_until::timestamptz,
                           step_count = u.step_count
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                           as u(command_id, status, reference, detail, completed_at, attempt, executed_instrument,
                                executed_amount_minor, updated_at, choice_until, step_count)
                     where c.command_id = u.command_id""")) {
                int p = 1;
                update.setArray(p++, text(connection, rows, r -> r.commandId));
                update.setArray(p++, text(connection, rows, r -> name(r.status)));
                update.setArray(p++, text(connection, rows, r -> r.reference));
                update.setArray(p++, text(connection, rows, r -> r.detail));
                update.setArray(p++, text(connection, rows, r -> time(r.completedAt)));
                update.setArray(p++, int4(connection, rows, r -> r.attempt));
                update.setArray(p++, text(connection, rows, r -> name(r.executedInstrument)));
                update.setArray(p++, int8(connection, rows, r -> r.executedAmountMinor));
                update.setArray(p++, text(connection, rows, r -> time(r.updatedAt)));
                update.setArray(p++, text(connection, rows, r -> time(r.choiceUntil)));
                update.setArray(p, int4(connection, rows, r -> r.stepCount));
                return update.executeUpdate();
            }
        });
        if (updated != rows.size()) {
            throw new IllegalStateException("updated " + updated + " of " + rows.size() + " locked commands");
        }
    }

    /** Inserts steps in one statement, in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertSteps(List<CommandStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        int inserted = work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into command_step (command_id, seq, status, instrument, reference, detail, recorded_at)
                    select u.command_id, u.seq, u.status, u.instrument, u.reference, u.detail, u.recorded_at::timestamptz
                      from unnest(?, ?, ?, ?, ?, ?, ?) with ordinality
                           as u(command_id, seq, status, instrument, reference, detail, recorded_at, n)
                     order by u.n""")) {
                int p = 1;
                insert.setArray(p++, text(connection, steps, s -> s.commandId));
                insert.setArray(p++, int4(connection, steps, s -> s.seq));
                insert.setArray(p++, text(connection, steps, s -> name(s.status)));
                insert.setArray(p++, text(connection, steps, s -> name(s.instrument)));
                insert.setArray(p++, text(connection, steps, s -> s.reference));
                insert.setArray(p++, text(connection, steps, s -> s.detail));
                insert.setArray(p, text(connection, steps, s -> time(s.recordedAt)));
                return insert.executeUpdate();
            }
        });
        if (inserted != steps.size()) {
            throw new IllegalStateException("inserted " + inserted + " of " + steps.size() + " steps");
        }
    }

    /** Journals outside calls in one statement (their commands must exist). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertCalls(List<ProviderCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        int inserted = work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into provider_call (command_id, remedy_index, call_key, instrument, amount_minor, currency,
                                               status, reference, detail, intended_at, resolved_at)
                    select u.command_id, u.remedy_index, u.call_key, u.instrument, u.amount_minor, u.currency, u.status,
                           u.reference, u.detail, u.intended_at::timestamptz, u.resolved_at::timestamptz
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                           as u(command_id, remedy_index, call_key, instrument, amount_minor, currency, status,
                                reference, detail, intended_at, resolved_at)""")) {
                int p = 1;
                insert.setArray(p++, text(connection, calls, c -> c.commandId));
                insert.setArray(p++, int4(connection, calls, c -> c.remedyIndex));
                insert.setArray(p++, text(connection, calls, c -> c.callKey));
                insert.setArray(p++, text(connection, calls, c -> name(c.instrument)));
                insert.setArray(p++, int8(connection, calls, c -> c.amountMinor));
                insert.setArray(p++, text(connection, calls, c -> c.currency));
                insert.setArray(p++, text(connection, calls, c -> name(c.status)));
                insert.setArray(p++, text(connection, calls, c -> c.reference));
                insert.setArray(p++, text(connection, calls, c -> c.detail));
                insert.setArray(p++, text(connection, calls, c -> time(c.intendedAt)));
                insert.setArray(p, text(connection, calls, c -> time(c.resolvedAt)));
                return insert.executeUpdate();
            }
        });
        if (inserted != calls.size()) {
            throw new IllegalStateException("journaled " + inserted + " of " + calls.size() + " calls");
        }
    }

    /** A journaled call's answer (see {@link #resolveCalls}). */
    public record CallAnswer(String commandId, int remedyIndex, ProviderCall.Status status, String reference,
                             String detail, Instant at) {
    }

    /**
     * Writes the answers to journaled calls in one statement, without loading the journal rows. Every answered call
     * was journaled (and committed) before it was made, so a missing row means something is badly wrong: nothing of
     * the transaction may commit then (the answer belongs with the command's final step).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveCalls(List<CallAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        int updated = work(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update provider_call p
                       set status = u.status, reference = u.reference, detail = u.detail,
                           resolved_at = u.resolved_at::timestamptz
                      from unnest(?, ?, ?, ?, ?, ?)
                           as u(command_id, remedy_index, status, reference, detail, resolved_at)
                     where p.command_id = u.command_id and p.remedy_index = u.remedy_index""")) {
                int p = 1;
                update.setArray(p++, text(connection, answers, CallAnswer::commandId));
                update.setArray(p++, int4(connection, answers, CallAnswer::remedyIndex));
                update.setArray(p++, text(connection, answers, a -> name(a.status())));
                update.setArray(p++, text(connection, answers, CallAnswer::reference));
                update.setArray(p++, text(connection, answers, CallAnswer::detail));
                update.setArray(p, text(connection, answers, a -> time(a.at())));
                return update.executeUpdate();
            }
        });
        if (updated != answers.size()) {
            throw new IllegalStateException("answers for " + answers.size() + " journaled calls, but " + updated
                    + " journal rows found");
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }

    private static CommandEntity read(ResultSet rs) throws SQLException {
        CommandEntity row = new CommandEntity();
        row.commandId = rs.getString("command_id");
        row.decisionId = rs.getString("decision_id");
        row.incidentId = rs.getString("incident_id");
        row.orderId = rs.getString("order_id");
        row.customerId = rs.getString("customer_id");
        row.instrument = instrument(rs.getString("instrument"));
        row.amountMinor = rs.getLong("amount_minor");
        row.currency = rs.getString("currency");
        row.idempotencyKey = rs.getString("idempotency_key");
        String status = rs.getString("status");
        row.status = status == null ? null : FulfilmentStatus.valueOf(status);
        row.reference = rs.getString("reference");
        row.detail = rs.getString("detail");
        row.receivedAt = instant(rs.getTimestamp("received_at"));
        row.completedAt = instant(rs.getTimestamp("completed_at"));
        row.commandJson = rs.getString("command_json");
        row.causeEventId = rs.getString("cause_event_id");
        row.attempt = rs.getInt("attempt");
        row.executedInstrument = instrument(rs.getString("executed_instrument"));
        long executedAmount = rs.getLong("executed_amount_minor");
        row.executedAmountMinor = rs.wasNull() ? null : executedAmount;
        row.updatedAt = instant(rs.getTimestamp("updated_at"));
        row.choiceUntil = instant(rs.getTimestamp("choice_until"));
        row.stepCount = rs.getInt("step_count");
        return row;
    }

    private static Instrument instrument(String name) {
        return name == null ? null : Instrument.valueOf(name);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
