package com.goodwill.fulfillment;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.testsupport.ReliabilityTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.awaitRecord;
import static com.goodwill.testsupport.PlatformTopics.deadLetterReason;
import static com.goodwill.testsupport.PlatformTopics.listen;
import static com.goodwill.testsupport.PlatformTopics.produceRaw;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static com.goodwill.testsupport.PlatformTopics.recordsFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Compensation commands in on Kafka; bookings in the database and fulfilment results out on Kafka. */
@QuarkusTest
class CompensationFlowTest {

    private static final String CONSUMER = "fulfillment-service.commands";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConsumerTask<String, String> results;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void subscribe() {
        results = listen(Topics.FULFILMENT_RESULTS);
        deadLetters = listen(Topics.DEAD_LETTER_FULFILLMENT);
    }

    @AfterAll
    static void close() {
        results.close();
        deadLetters.close();
    }

    @Test
    void storeCreditCommandBooksOneEntryAndReportsSucceeded() {
        CompensationRequested command = command(Instrument.STORE_CREDIT, Money.of(650, "EUR"));
        EventEnvelope cause = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, cause);

        awaitFinalResult(command.orderId());
        // Exactly three steps: counted again once everything the service published is visible to the test.
        await().atMost(WAIT).until(this::outboxEmpty);
        awaitEverythingPublishedBefore(command.orderId());
        List<FulfilmentRecorded> steps = results(command.orderId()).stream()
                .map(r -> EventCodec.dataAs(EventCodec.parse(r.value()), FulfilmentRecorded.class)).toList();
        assertThat(steps).extracting(FulfilmentRecorded::status).containsExactly(FulfilmentStatus.RECEIVED,
                FulfilmentStatus.EXECUTING, FulfilmentStatus.SUCCEEDED);
        EventEnvelope resultEvent = EventCodec.parse(awaitFinalResult(command.orderId()).value());
        assertThat(resultEvent.type()).isEqualTo(EventTypes.FULFILMENT_RECORDED);
        assertThat(resultEvent.subject()).isEqualTo(command.orderId());
        assertThat(resultEvent.correlationid()).isEqualTo(command.incidentId());
        assertThat(resultEvent.causationid()).isEqualTo(cause.id());
        FulfilmentRecorded result = EventCodec.dataAs(resultEvent, FulfilmentRecorded.class);
        assertThat(result.commandId()).isEqualTo(command.commandId());
        assertThat(result.status()).isEqualTo(FulfilmentStatus.SUCCEEDED);
        assertThat(result.instrument()).isEqualTo(Instrument.STORE_CREDIT);
        assertThat(result.amount()).isEqualTo(Money.of(650, "EUR"));
        assertThat(result.reference()).isNotBlank();

        given().get("/api/customers/{id}/store-credit", command.customerId()).then()
                .statusCode(200)
                .body("balanceMinorByCurrency.EUR", is(650))
                .body("bookings", hasSize(1))
                .body("bookings[0].commandId", is(command.commandId()))
                .body("bookings[0].entryId", is(result.reference()));
        given().get("/api/commands/{id}", command.commandId()).then()
                .statusCode(200)
                .body("status", is("SUCCEEDED"))
                .body("reference", is(result.reference()))
                .body("steps.status", contains("RECEIVED", "EXECUTING", "SUCCEEDED"));
    }

    @Test
    void redeliveredCommandUnderTheSameOrANewEnvelopeBooksNothingMore() {
        CompensationRequested command = command(Instrument.STORE_CREDIT, Money.of(650, "EUR"));
        EventEnvelope first = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, first);
        awaitFinalResult(command.orderId());

        // The same record redelivered, then the same command re-sent under a new envelope id.
        EventEnvelope again = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, first);
        publish(Topics.COMPENSATION_COMMANDS, again);
        // Same key, same partition: once the second envelope is processed, so is the redelivery before it.
        await().atMost(WAIT).until(() -> processed(again.id()));
        await().atMost(WAIT).until(this::outboxEmpty);
        awaitEverythingPublishedBefore(command.orderId());

        given().get("/api/customers/{id}/store-credit", command.customerId()).then()
                .statusCode(200)
                .body("balanceMinorByCurrency.EUR", is(650))
                .body("bookings", hasSize(1));
        assertThat(results(command.orderId())).hasSize(3);
    }

    @Test
    void anotherCommandWithAnIdempotencyKeyAlreadyUsedBooksNothing() {
        CompensationRequested command = command(Instrument.STORE_CREDIT, Money.of(650, "EUR"));
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));
        awaitFinalResult(command.orderId());

        // A retry upstream that minted a new command id but kept the key of the payment it stands for.
        CompensationRequested retry = new CompensationRequested(UUID.randomUUID().toString(), command.decisionId(),
                command.incidentId(), command.orderId(), command.customerId(), command.instrument(), command.amount(),
                command.idempotencyKey(), command.requestedAt());
        EventEnvelope retryEvent = envelope(retry);
        publish(Topics.COMPENSATION_COMMANDS, retryEvent);
        await().atMost(WAIT).until(() -> processed(retryEvent.id()));
        await().atMost(WAIT).until(this::outboxEmpty);
        awaitEverythingPublishedBefore(command.orderId());

        given().get("/api/customers/{id}/store-credit", command.customerId()).then()
                .statusCode(200)
                .body("balanceMinorByCurrency.EUR", is(650))
                .body("bookings", hasSize(1));
        assertThat(results(command.orderId())).hasSize(3);
    }

    @Test
    void apologySucceedsWithoutBookingAnything() {
        CompensationRequested command = command(Instrument.APOLOGY, Money.of(0, "EUR"));
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        FulfilmentRecorded result = EventCodec.dataAs(EventCodec.parse(awaitFinalResult(command.orderId()).value()),
                FulfilmentRecorded.class);
        assertThat(result.status()).isEqualTo(FulfilmentStatus.SUCCEEDED);
        assertThat(result.instrument()).isEqualTo(Instrument.APOLOGY);

        given().get("/api/commands/{id}", command.commandId()).then()
                .statusCode(200)
                .body("status", is("SUCCEEDED"))
                .body("reference", nullValue());
        given().get("/api/customers/{id}/store-credit", command.customerId()).then()
                .statusCode(200)
                .body("balanceMinorByCurrency", anEmptyMap())
                .body("bookings", hasSize(0));
    }

    @Test
    void voucherWithoutAValueFailsVisiblyWithItsReasonAndIssuesNothing() {
        CompensationRequested command = command(Instrument.VOUCHER, Money.of(0, "EUR"));
        publish(Topics.COMPENSATION_COMMANDS, envelope(command));

        FulfilmentRecorded result = EventCodec.dataAs(EventCodec.parse(awaitFinalResult(command.orderId()).value()),
                FulfilmentRecorded.class);
        assertThat(result.status()).isEqualTo(FulfilmentStatus.FAILED);
        assertThat(result.detail()).contains("VOUCHER failed").contains("positive value");

        given().get("/api/commands/{id}", command.commandId()).then()
                .statusCode(200)
                .body("status", is("FAILED"))
                .body("instrument", is("VOUCHER"))
                .body("detail", containsString("a voucher needs a positive value"));
        given().get("/api/customers/{id}/vouchers", command.customerId()).then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void unparseableCommandIsDeadLetteredWithTheReason() {
        String key = "ord-" + UUID.randomUUID();
        produceRaw(Topics.COMPENSATION_COMMANDS, key, "{not json");

        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, key, "{not json", WAIT);
        assertThat(deadLetterReason(dead)).as("dead-letter-reason header").isNotBlank();
    }

    @Test
    void commandWithANegativeAmountIsDeadLetteredAndNotExecuted() {
        CompensationRequested command = command(Instrument.STORE_CREDIT, Money.of(-650, "EUR"));
        EventEnvelope event = envelope(command);
        String record = EventCodec.toJson(event);
        publish(Topics.COMPENSATION_COMMANDS, event);

        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, command.orderId(), record, WAIT);
        assertThat(deadLetterReason(dead)).contains("negative amount");

        given().get("/api/commands/{id}", command.commandId()).then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/customers/{id}/store-credit", command.customerId()).then()
                .statusCode(200)
                .body("bookings", hasSize(0));
    }

    @Test
    void commandsWithoutOrderIdIsA400ProblemNamingTheField() {
        given().get("/api/commands").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("orderId"));
        given().get("/api/commands?status=DONE").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("status"));
    }

    private static CompensationRequested command(Instrument instrument, Money amount) {
        String commandId = UUID.randomUUID().toString();
        return new CompensationRequested(commandId, "dec-" + UUID.randomUUID(), "inc-" + UUID.randomUUID(),
                "ord-" + UUID.randomUUID(), "cust-" + UUID.randomUUID(), instrument, amount, "goodwill-" + commandId,
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    private static EventEnvelope envelope(CompensationRequested command) {
        return EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/goodwill/decision-service", command.orderId(),
                command.requestedAt(), command.incidentId(), "dec-event-1", command);
    }

    /** The service's results for one order, without the markers this test puts on the topic. */
    private static List<ConsumerRecord<String, String>> results(String orderId) {
        return recordsFor(results, orderId).stream().filter(r -> !r.value().startsWith("marker-")).toList();
    }

    /** The one final step (succeeded, failed, fulfilled by fallback) of the order's only command. */
    private static ConsumerRecord<String, String> awaitFinalResult(String orderId) {
        await().atMost(WAIT).until(() -> !finalResults(orderId).isEmpty());
        List<ConsumerRecord<String, String>> found = finalResults(orderId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<ConsumerRecord<String, String>> finalResults(String orderId) {
        return results(orderId).stream().filter(r -> {
            FulfilmentStatus status = EventCodec.dataAs(EventCodec.parse(r.value()), FulfilmentRecorded.class).status();
            return status != FulfilmentStatus.RECEIVED && status != FulfilmentStatus.EXECUTING;
        }).toList();
    }

    /**
     * Once the outbox is empty, everything the service published is on the broker. A marker sent after it with the
     * same key lands behind it in the same partition, so when the test's consumer sees the marker it has seen all.
     */
    private static void awaitEverythingPublishedBefore(String orderId) {
        String marker = "marker-" + UUID.randomUUID();
        produceRaw(Topics.FULFILMENT_RESULTS, orderId, marker);
        await().atMost(WAIT).until(() -> results.getRecords().stream()
                .anyMatch(r -> orderId.equals(r.key()) && marker.equals(r.value())));
    }

    private boolean processed(String envelopeId) {
        return ReliabilityTables.processed(database, CONSUMER, envelopeId);
    }

    private boolean outboxEmpty() {
        return ReliabilityTables.outboxEmpty(database);
    }
}
