package com.goodwill.fulfillment;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.simulators.Faults;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.goodwill.fulfillment.Commands.isFinal;
import static com.goodwill.fulfillment.Commands.WAIT;
import static com.goodwill.fulfillment.Commands.command;
import static com.goodwill.fulfillment.Commands.envelope;
import static com.goodwill.fulfillment.Commands.status;
import static com.goodwill.testsupport.PlatformTopics.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * N commands in, N executions at the provider: while the payment provider answers 503, loses answers after
 * executing and holds answers back past the caller's timeout, and while every command is delivered twice
 * (the same record again, and the same command under a new envelope).
 */
@QuarkusTest
class ExactlyOnceUnderFaultsTest {

    private static final int N = 40;

    @AfterEach
    void heal() {
        OutsideSystems.payments().setFaults(Faults.NONE);
    }

    @Test
    void everyRefundIsExecutedExactlyOnceDespiteFaultsAndDuplicateDeliveries() {
        long before = OutsideSystems.payments().totalExecutions();
        OutsideSystems.payments().setFaults(new Faults(5, 0.25, 0.2, 0.05, 1_000, false, Set.of()));
        List<CompensationRequested> commands = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            CompensationRequested command = command(Instrument.PARTIAL_REFUND, Money.of(100 + i, "EUR"));
            commands.add(command);
            EventEnvelope first = envelope(command);
            publish(Topics.COMPENSATION_COMMANDS, first);
            publish(Topics.COMPENSATION_COMMANDS, first);
            publish(Topics.COMPENSATION_COMMANDS, envelope(command));
        }
        await().atMost(WAIT.multipliedBy(2)).until(() -> commands.stream().allMatch(c -> isFinal(c.commandId())));

        // Whatever kept failing through every retry is retried by an operator once the provider is healthy.
        OutsideSystems.payments().setFaults(Faults.NONE);
        for (CompensationRequested c : commands) {
            if ("FAILED".equals(status(c.commandId()))) {
                given().post("/api/commands/{id}/retry", c.commandId()).then().statusCode(202);
            }
        }
        await().atMost(WAIT).until(() -> commands.stream().allMatch(c -> "SUCCEEDED".equals(status(c.commandId()))));

        for (CompensationRequested c : commands) {
            assertThat(OutsideSystems.payments().executions(c.idempotencyKey())).as("executions of %s", c.idempotencyKey())
                    .isEqualTo(1);
        }
        assertThat(OutsideSystems.payments().totalExecutions() - before).isEqualTo(N);
        assertThat(OutsideSystems.payments().totalRequests()).as("the faults made the service call again")
                .isGreaterThan(N);
    }
}
