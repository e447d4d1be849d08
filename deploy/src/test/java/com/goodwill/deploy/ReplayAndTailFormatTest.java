package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.publicstream.PublicCompensationExecuted;
import com.goodwill.contracts.publicstream.PublicDecision;
import com.goodwill.contracts.publicstream.PublicRemedy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How replay reads its file and how tail writes its lines, without a stack. */
class ReplayAndTailFormatTest {

    private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void linesAreOrderOrCarrierEventsAndAnythingElseIsRejectedWithItsReason() {
        List<Replay.Line> lines = Replay.read(List.of(
                "# a comment",
                "{\"kind\":\"shipped\",\"eventId\":\"e1\",\"orderId\":\"o1\",\"shipments\":[{\"carrier\":\"DHL\",\"trackingNumber\":\"JD1\"}]}",
                "",
                "{\"eventId\":\"c1\",\"carrier\":\"DHL\",\"trackingNumber\":\"JD1\",\"status\":\"IN_TRANSIT\"}",
                "{\"eventId\":\"c2\",\"carrier\":\"UPS\",\"trackingNumber\":\"1Z9\",\"status\":\"IN_TRANSIT\"}",
                "not json",
                "[1]",
                "{\"hello\":1}"), null);
        assertThat(lines).extracting(Replay.Line::number).containsExactly(2, 4, 5, 6, 7, 8);
        assertThat(lines).extracting(Replay.Line::path).containsExactly("/api/order-events", "/api/carrier-events",
                "/api/carrier-events", null, null, null);
        // A scan of a parcel the file shipped belongs to its order's story, so it is not sent before the shipment.
        assertThat(lines).extracting(Replay.Line::story).containsExactly("order:o1", "order:o1", "parcel:UPS:1Z9",
                null, null, null);
        assertThat(lines.get(3).problem()).isEqualTo("line is not JSON");
        assertThat(lines.get(4).problem()).isEqualTo("line is not a JSON object");
        assertThat(lines.get(5).problem()).startsWith("neither an order event");
    }

    @Test
    void aSuffixMakesEveryIdNewAndShiftingMovesEveryTimeSoTheLatestEventIsNow() {
        List<Replay.Line> lines = Replay.read(List.of(
                "{\"kind\":\"placed\",\"eventId\":\"e1\",\"orderId\":\"o1\",\"customerId\":\"c1\","
                        + "\"promisedDeliveryBy\":\"2026-11-21T08:00:00Z\",\"occurredAt\":\"2026-11-19T12:00:00Z\"}",
                "{\"eventId\":\"s1\",\"carrier\":\"DHL\",\"trackingNumber\":\"JD1\",\"status\":\"DELAY_ANNOUNCED\","
                        + "\"occurredAt\":\"2026-11-20T12:00:00Z\",\"revisedEta\":\"2026-11-23T02:00:00Z\"}"), "run7");
        Replay.shiftToNow(lines, Instant.parse("2026-12-04T18:00:00.600Z"));

        var placed = lines.get(0).event();
        assertThat(placed.path("eventId").asText()).isEqualTo("e1-run7");
        assertThat(placed.path("orderId").asText()).isEqualTo("o1-run7");
        assertThat(placed.path("customerId").asText()).as("customers stay who they are").isEqualTo("c1");
        assertThat(placed.path("occurredAt").asText()).isEqualTo("2026-12-03T18:00:00Z");
        assertThat(placed.path("promisedDeliveryBy").asText()).isEqualTo("2026-12-05T14:00:00Z");
        var scan = lines.get(1).event();
        assertThat(scan.path("trackingNumber").asText()).isEqualTo("JD1-run7");
        assertThat(scan.path("occurredAt").asText()).isEqualTo("2026-12-04T18:00:00Z");
        assertThat(scan.path("revisedEta").asText()).isEqualTo("2026-12-07T08:00:00Z");
    }

    @Test
    void aRejectionsReasonIsTheProblemsFirstFieldErrorElseItsDetailElseTheStatus() {
        assertThat(Replay.reason(400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"1 field\","
                + "\"errors\":[{\"field\":\"orderId\",\"message\":\"must not be blank\"}]}")).isEqualTo("orderId: must not be blank");
        assertThat(Replay.reason(400, "{\"title\":\"Bad Request\",\"detail\":\"too many events\"}")).isEqualTo("too many events");
        assertThat(Replay.reason(503, "<html>busy</html>")).isEqualTo("HTTP 503");
    }

    @Test
    void rateAndOptionsAreReadOrRefusedWithTheReason() {
        assertThat(Replay.Options.parseRate("250/s")).isEqualTo(250.0);
        assertThat(Replay.Options.parseRate("0.5")).isEqualTo(0.5);
        assertThatThrownBy(() -> Replay.Options.parseRate("fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> Replay.Options.parse(List.of("--rate", "10/s"), "http://x")).hasMessageContaining("which file");
        var tail = PublicStreamTail.Options.parse(List.of("--type", "decision,compensation.failed", "--from-beginning"), "b:1");
        assertThat(tail.wants(EventTypes.PUBLIC_DECISION_MADE)).isTrue();
        assertThat(tail.wants(EventTypes.PUBLIC_DECISION_REVIEWED)).isTrue();
        assertThat(tail.wants(EventTypes.PUBLIC_COMPENSATION_FAILED)).isTrue();
        assertThat(tail.wants(EventTypes.PUBLIC_COMPENSATION_EXECUTED)).isFalse();
        assertThat(tail.fromBeginning()).isTrue();
        assertThatThrownBy(() -> PublicStreamTail.Options.parse(List.of("--max", "0"), "b:1")).hasMessageContaining("--max");
    }

    @Test
    void tailWritesOneReadableLinePerEvent() {
        String decision = PublicEventLine.format(EventCodec.wrap("p1", EventTypes.PUBLIC_DECISION_MADE, "/s", "order-1001", T,
                "i1", "e1", new PublicDecision("d1", "i1", "order-1001", "cust-42", DecisionOutcome.PENDING_APPROVAL,
                        List.of(new PublicRemedy(Instrument.FULL_REFUND, Money.of(12_999, "EUR"), null)), "SUPERVISOR",
                        "2026-11-23.1", "HIGH_VALUE", null, "supervisor", T.plusSeconds(3_600), false, null, "DE", "web",
                        null, T)));
        assertThat(decision).isEqualTo("2026-11-20T12:00:00Z  order-1001               decision.made          "
                + "PENDING_APPROVAL, FULL_REFUND 129.99 EUR, tier SUPERVISOR, reason HIGH_VALUE, "
                + "waits for supervisor until 2026-11-20T13:00:00Z, decision d1");
        String executed = PublicEventLine.format(EventCodec.wrap("p2", EventTypes.PUBLIC_COMPENSATION_EXECUTED, "/s",
                "order-1001", T, "i1", "e2", new PublicCompensationExecuted("k1", "d1", "i1", "order-1001", "cust-42",
                        Instrument.VOUCHER, Money.of(500, "JPY"), true, T)));
        assertThat(executed).endsWith("compensation.executed  VOUCHER 500 JPY, by fallback, command k1");
    }
}
