package com.goodwill.intake;

import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.kit.outbox.Outbox;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shared outbox, exercised inside a real service: an event reaches Kafka if and only if the
 * transaction that wrote it committed, also when the service died between commit and send.
 */
@QuarkusTest
class OutboxReliabilityTest {

    private static ConsumerTask<String, String> published;

    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void listen() {
        published = PlatformTopics.listen(Topics.INCIDENTS);
    }

    @AfterAll
    static void close() {
        published.close();
    }

    @Test
    void eventOfACommittedTransactionIsPublishedOnceAndLeavesTheOutbox() {
        String orderId = "outbox-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.INCIDENTS, probe(orderId)));

        await().atMost(Duration.ofSeconds(20)).until(() -> publishedFor(orderId) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(orderId) == 0);
        assertThat(publishedFor(orderId)).isEqualTo(1);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        String orderId = "rolled-back-" + UUID.randomUUID();
        String committedMarker = "marker-" + UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(Topics.INCIDENTS, probe(orderId));
            throw new IllegalStateException("the business change failed");
        })).isInstanceOf(IllegalStateException.class);
        // A later committed event on the same key shows the relay has run past the point where the other would be.
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.INCIDENTS, probe(orderId, committedMarker)));

        await().atMost(Duration.ofSeconds(20)).until(() -> publishedFor(orderId) >= 1);
        assertThat(publishedFor(orderId)).isEqualTo(1);
        assertThat(published.getRecords().stream().filter(r -> orderId.equals(r.key())).findFirst().orElseThrow().value())
                .contains(committedMarker);
    }

    @Test
    void rowCommittedBeforeACrashIsPublishedByTheRelayAfterwards() {
        // What a crash between commit and send leaves behind: a committed row that no wake-up will announce.
        String orderId = "crashed-" + UUID.randomUUID();
        String json = EventCodec.toJson(probe(orderId));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "insert into outbox_event (event_id, topic, message_key, payload, created_at) values (?1, ?2, ?3, ?4, now())")
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, Topics.INCIDENTS)
                .setParameter(3, orderId)
                .setParameter(4, json)
                .executeUpdate());

        await().atMost(Duration.ofSeconds(20)).until(() -> publishedFor(orderId) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(orderId) == 0);
    }

    private long publishedFor(String orderId) {
        return PlatformTopics.recordsFor(published, orderId).size();
    }

    private long outboxRows(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where message_key = ?1")
                .setParameter(1, orderId).getSingleResult()).longValue());
    }

    private static com.goodwill.contracts.envelope.EventEnvelope probe(String orderId) {
        return probe(orderId, "probe");
    }

    private static com.goodwill.contracts.envelope.EventEnvelope probe(String orderId, String note) {
        return EventCodec.wrap("com.goodwill.test.probe.v1", "/goodwill/tests", orderId, Instant.now(), null, null,
                Map.of("note", note));
    }
}
