package com.goodwill.fulfillment;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.goodwill.testsupport.PlatformTopics.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Compensation commands as decision-service sends them, and waiting for their execution over REST. */
public final class Commands {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "FULFILLED_BY_FALLBACK");

    private Commands() {
    }

    static CompensationRequested command(Instrument instrument, Money amount) {
        return command(instrument, amount, null, List.of(), List.of());
    }

    static CompensationRequested command(Instrument instrument, Money amount, Integer validForDays, List<Remedy> fallbacks,
                                         List<Remedy> alternatives) {
        String commandId = UUID.randomUUID().toString();
        return new CompensationRequested(commandId, "dec-" + UUID.randomUUID(), "inc-" + UUID.randomUUID(),
                "ord-" + UUID.randomUUID(), "cust-" + UUID.randomUUID(), instrument, amount, "goodwill-" + commandId,
                Instant.parse("2026-11-21T10:00:00Z"), validForDays, false, fallbacks, alternatives, null, "policy-1",
                "DELAY", null, false);
    }

    /** The command, offering its alternatives to the customer until {@code until}. */
    public static CompensationRequested choosableUntil(CompensationRequested c, Instant until) {
        return new CompensationRequested(c.commandId(), c.decisionId(), c.incidentId(), c.orderId(), c.customerId(),
                c.instrument(), c.amount(), c.idempotencyKey(), c.requestedAt(), c.validForDays(), c.memoryAnchor(),
                c.fallbacks(), c.alternatives(), c.facts(), c.policyVersion(), c.reasonCode(), c.messageTemplate(),
                c.statutory(), until);
    }

    static EventEnvelope envelope(CompensationRequested command) {
        return EventCodec.wrap(EventTypes.COMPENSATION_REQUESTED, "/goodwill/decision-service", command.orderId(),
                command.requestedAt(), command.incidentId(), "dec-event-" + UUID.randomUUID(), command);
    }

    static EventEnvelope send(CompensationRequested command) {
        EventEnvelope envelope = envelope(command);
        publish(Topics.COMPENSATION_COMMANDS, envelope);
        return envelope;
    }

    /** The command over REST once it has reached a final state. */
    static JsonPath awaitFinal(String commandId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> isFinal(commandId));
        return given().get("/api/commands/{id}", commandId).then().statusCode(200).extract().jsonPath();
    }

    static boolean isFinal(String commandId) {
        String status = status(commandId);
        return status != null && FINAL.contains(status);
    }

    /** Null while the service has not received the command. */
    static String status(String commandId) {
        var response = given().get("/api/commands/{id}", commandId);
        return response.statusCode() == 200 ? response.jsonPath().getString("status") : null;
    }
}
