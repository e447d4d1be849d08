package com.goodwill.decision;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that is briefly unavailable is not the record's fault: the consumer retries with backoff
 * and decides once the database answers again, instead of dead-lettering a valid incident.
 */
@QuarkusTest
class TransientFailureTest {

    private static ConsumerTask<String, String> decisions;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void subscribe() {
        decisions = PlatformTopics.listen(Topics.DECISIONS);
        deadLetters = PlatformTopics.listen(Topics.DEAD_LETTER_DECISION);
    }

    @AfterAll
    static void close() {
        decisions.close();
        deadLetters.close();
    }

    @Test
    void incidentArrivingWhileTheDatabaseIsLockedIsDecidedOnceTheLockIsGoneAndNotDeadLettered() throws Exception {
        String orderId = "locked-" + UUID.randomUUID();
        Instant promised = Instant.parse("2026-11-20T18:00:00Z");
        Incident incident = new Incident("inc-" + UUID.randomUUID(), IncidentLifecycle.OPENED, 1, orderId, "shp-1", "TRK1", "DHL",
                IncidentClass.DELAY, Severity.MEDIUM, IncidentSource.CARRIER, 42L, null, promised.plusSeconds(42 * 3600),
                "42 h late", List.of("evt-1"), new OrderContext("cust-9", "DE", "web", "card", Money.of(12_999, "EUR"), promised),
                promised.minusSeconds(3600));

        // Hold an exclusive lock on the decision table for longer than the service's 1 s lock timeout.
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> lockHolder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("lock table decision in access exclusive mode").executeUpdate();
            locked.countDown();
            sleep(Duration.ofSeconds(4));
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        PlatformTopics.publish(Topics.INCIDENTS, EventCodec.wrap(EventTypes.INCIDENT_OPENED, "/goodwill/incident-intake",
                orderId, incident.detectedAt(), incident.incidentId(), null, incident));

        lockHolder.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !PlatformTopics.recordsFor(decisions, orderId).isEmpty());
        assertThat(PlatformTopics.recordsFor(decisions, orderId)).hasSize(1);
        assertThat(PlatformTopics.recordsFor(deadLetters, orderId)).isEmpty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
