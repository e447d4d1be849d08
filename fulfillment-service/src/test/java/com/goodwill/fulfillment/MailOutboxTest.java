package com.goodwill.fulfillment;

import com.goodwill.fulfillment.persistence.CustomerMessageEntity;
import com.goodwill.fulfillment.persistence.MailOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail outbox's rows as the dispatcher claims them and writes back what sending did, over real PostgreSQL. */
@QuarkusTest
class MailOutboxTest {

    @Inject
    MailOutbox mailOutbox;
    @Inject
    EntityManager entityManager;

    @Test
    void aClaimedMessageComesWithItsCommandsJsonAndItsOutcomeIsWrittenBackAsRecorded() {
        String orderId = "ord-" + UUID.randomUUID();
        String executedHere = "cmd-" + UUID.randomUUID();
        // Due in an hour: the running dispatcher leaves them alone, the test claims them as if it were then.
        Instant due = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        Instant then = due.plus(1, ChronoUnit.MINUTES);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                            insert into compensation_command (command_id, decision_id, incident_id, order_id, customer_id,
                                instrument, amount_minor, currency, idempotency_key, status, received_at, command_json)
                            values (?1, 'dec-1', 'inc-1', ?2, 'cust-1', 'STORE_CREDIT', 700, 'EUR', ?3, 'SUCCEEDED', now(),
                                    '{"commandId":"stored"}')""")
                    .setParameter(1, executedHere).setParameter(2, orderId).setParameter(3, "key-" + executedHere)
                    .executeUpdate();
            mailOutbox.addAll(List.of(message(orderId, executedHere, "a-" + orderId, due),
                    message(orderId, "cmd-elsewhere-" + UUID.randomUUID(), "b-" + orderId, due)));
        });

        QuarkusTransaction.requiringNew().run(() -> {
            List<CustomerMessageEntity> mine = mailOutbox.claimDue(then, 1000).stream()
                    .filter(m -> orderId.equals(m.orderId)).toList();
            assertThat(mine).extracting(m -> m.messageId).containsExactlyInAnyOrder("a-" + orderId, "b-" + orderId);
            CustomerMessageEntity retried = mine.stream().filter(m -> m.commandId.equals(executedHere)).findFirst().orElseThrow();
            CustomerMessageEntity sent = mine.stream().filter(m -> m != retried).findFirst().orElseThrow();
            assertThat(retried.commandJson).isEqualTo("{\"commandId\":\"stored\"}");
            assertThat(sent.commandJson).isNull();
            assertThat(retried.facts).isEqualTo("{}");
            assertThat(retried.nextAttemptAt).isEqualTo(due);

            retried.attempts = 1;
            retried.nextAttemptAt = then.plusSeconds(2);
            retried.lastError = "SMTP: 421 try again later";
            sent.attempts = 1;
            sent.status = CustomerMessageEntity.SENT;
            sent.sentAt = then;
            sent.template = "apology/default.en";
            sent.language = "en";
            mailOutbox.recordOutcomes(mine);
        });

        List<CustomerMessageEntity> stored = QuarkusTransaction.requiringNew().call(() -> mailOutbox.forOrder(orderId));
        CustomerMessageEntity retried = stored.stream().filter(m -> m.messageId.equals("a-" + orderId)).findFirst().orElseThrow();
        CustomerMessageEntity sent = stored.stream().filter(m -> m.messageId.equals("b-" + orderId)).findFirst().orElseThrow();
        assertThat(retried.status).isEqualTo(CustomerMessageEntity.PENDING);
        assertThat(retried.attempts).isEqualTo(1);
        assertThat(retried.nextAttemptAt).isEqualTo(then.plusSeconds(2));
        assertThat(retried.lastError).isEqualTo("SMTP: 421 try again later");
        assertThat(retried.sentAt).isNull();
        assertThat(sent.status).isEqualTo(CustomerMessageEntity.SENT);
        assertThat(sent.sentAt).isEqualTo(then);
        assertThat(sent.template).isEqualTo("apology/default.en");
        assertThat(sent.language).isEqualTo("en");
        assertThat(sent.lastError).isNull();
        // Not due again before its next attempt; due then.
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(mailOutbox.claimDue(then.plusSeconds(1), 1000)).extracting(m -> m.messageId)
                    .doesNotContain("a-" + orderId, "b-" + orderId);
            assertThat(mailOutbox.claimDue(then.plusSeconds(2), 1000)).extracting(m -> m.messageId)
                    .contains("a-" + orderId).doesNotContain("b-" + orderId);
        });
        // Left PENDING an hour ahead, the rows would wait there for the rest of the test run.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from customer_message where order_id = ?1").setParameter(1, orderId)
                .executeUpdate());
    }

    @Test
    void messagesWrittenTogetherSayEachWhetherItWasWrittenAndAnIdSeenBeforeIsNotWrittenAgain() {
        String orderId = "ord-" + UUID.randomUUID();
        Instant due = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        CustomerMessageEntity first = message(orderId, "cmd-1", "a-" + orderId, due);
        first.facts = "{\"first\":true}";
        boolean[] before = QuarkusTransaction.requiringNew().call(() -> mailOutbox.addAll(List.of(first)));
        assertThat(before).containsExactly(true);

        CustomerMessageEntity again = message(orderId, "cmd-1", "a-" + orderId, due);
        again.facts = "{\"again\":true}";
        CustomerMessageEntity second = message(orderId, "cmd-2", "b-" + orderId, due);
        second.status = CustomerMessageEntity.NO_CONTACT;
        second.lastError = "no order placement with a contact seen for this order yet";
        CustomerMessageEntity twice = message(orderId, "cmd-2", "b-" + orderId, due);
        boolean[] written = QuarkusTransaction.requiringNew().call(() -> mailOutbox.addAll(List.of(again, second, twice)));

        assertThat(written).containsExactly(false, true, false);
        List<CustomerMessageEntity> stored = QuarkusTransaction.requiringNew().call(() -> mailOutbox.forOrder(orderId));
        assertThat(stored).extracting(m -> m.messageId).containsExactly("a-" + orderId, "b-" + orderId);
        assertThat(stored.get(0).facts).isEqualTo("{\"first\":true}");
        assertThat(stored.get(1).status).isEqualTo(CustomerMessageEntity.NO_CONTACT);
        assertThat(stored.get(1).lastError).isEqualTo("no order placement with a contact seen for this order yet");
        assertThat(stored.get(1).nextAttemptAt).isEqualTo(due);
        assertThat(stored.get(1).createdAt).isEqualTo(due.minusSeconds(60));
        assertThat(stored.get(1).attempts).isZero();
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from customer_message where order_id = ?1").setParameter(1, orderId)
                .executeUpdate());
    }

    private static CustomerMessageEntity message(String orderId, String commandId, String messageId, Instant due) {
        CustomerMessageEntity m = new CustomerMessageEntity();
        m.messageId = messageId;
        m.commandId = commandId;
        m.orderId = orderId;
        m.customerId = "cust-1";
        m.kind = "APOLOGY";
        m.status = CustomerMessageEntity.PENDING;
        m.facts = "{}";
        m.createdAt = due.minusSeconds(60);
        m.nextAttemptAt = due;
        return m;
    }
}
