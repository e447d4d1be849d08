package com.goodwill.deploy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ./stack replay} and {@code ./stack tail} against the running stack ({@link RunningStack}). */
class TerminalToolsTest {

    private static final Path SAMPLE = Path.of(System.getProperty("goodwill.repo.root", ".."))
            .resolve("deploy/samples/orders-and-carrier-events.jsonl");

    @Test
    void replayCountsWhatIntakeAcceptedAndRejectedAndTailPrintsTheReplayedCasesPublicEvents() throws Exception {
        RunningStack stack = RunningStack.get();
        String suffix = "tools-" + UUID.randomUUID().toString().substring(0, 8);
        String delayedOrder = "sample-1001-" + suffix;

        ByteArrayOutputStream replayed = new ByteArrayOutputStream();
        Replay.Summary summary = new Replay(stack.baseUrl("incident-intake"), print(replayed), false)
                .play(SAMPLE, 200, suffix, true, Clock.systemUTC());

        // 11 events in the file: 9 good ones, an order event without its orderId and a line that is no event at all.
        assertThat(summary.sent()).isEqualTo(11);
        assertThat(summary.accepted()).isEqualTo(9);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.rejections()).hasSize(2);
        assertThat(summary.rejections()).anySatisfy((reason, lines) -> {
            assertThat(reason).contains("orderId");
            assertThat(lines).containsExactly(16);
        });
        assertThat(summary.rejections()).anySatisfy((reason, lines) -> {
            assertThat(reason).startsWith("neither an order event");
            assertThat(lines).containsExactly(17);
        });
        assertThat(replayed.toString(StandardCharsets.UTF_8)).contains("Sent 11, accepted 9, rejected 2");

        ByteArrayOutputStream tailed = new ByteArrayOutputStream();
        PublicStreamTail tail = new PublicStreamTail(new PublicStreamTail.Options(true, List.of(), delayedOrder,
                stack.kafkaBootstrap(), Long.MAX_VALUE, Duration.ofSeconds(120)), print(tailed));
        CompletableFuture<Long> tailing = CompletableFuture.supplyAsync(tail::run);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String text = tailed.toString(StandardCharsets.UTF_8);
                return text.contains("compensation.executed") || tailing.isDone();
            });
        } finally {
            tail.stop();
        }
        assertThat(tailing.get()).isGreaterThanOrEqualTo(3);
        List<String> lines = tailed.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).contains(delayedOrder));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("incident.opened").contains("DELAY")
                .contains("42 h late").contains("carrier DHL"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("decision.made").contains("COMPENSATE")
                .contains("STORE_CREDIT"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("compensation.executed").contains("STORE_CREDIT")
                .contains(" EUR"));
        // Ids and facts only: the parcel's tracking number never reaches the public stream.
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("SAMPLEJD1001"));
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
