package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.envelope.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Consumer;

import static com.goodwill.contracts.carrier.TrackingStatus.DELAY_ANNOUNCED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalCarrierEventTest {

    private final CanonicalCarrierEvent canonical = new CanonicalCarrierEvent();

    @Test
    void readsTheEventAsItIsWithTextsTrimmed() {
        assertThat(canonical.adapt(Samples.load("canonical-event.json"))).containsExactly(new CarrierEvent(
                "JD014600006240000001-3", "DHL", "JD014600006240000001", DELAY_ANNOUNCED,
                Instant.parse("2026-11-19T08:00:00Z"), "Hub Leipzig", Instant.parse("2026-11-22T18:00:00Z"),
                "transit", "Shipment delayed"));
    }

    @Test
    void aWrittenEventReadsBackUnchanged() {
        CarrierEvent event = canonical.adapt(Samples.load("canonical-event.json")).get(0);

        assertThat(canonical.adapt(EventCodec.toTree(event))).containsExactly(event);
    }

    @Test
    void longTextsAreCapped() {
        ObjectNode payload = Samples.load("canonical-event.json");
        payload.put("rawText", "z".repeat(700)).put("rawCode", "c".repeat(80));

        CarrierEvent event = canonical.adapt(payload).get(0);

        assertThat(event.rawText()).hasSize(500);
        assertThat(event.rawCode()).hasSize(64);
    }

    @Test
    void brokenPayloadsNameTheField() {
        assertBroken(p -> p.remove("eventId"), "eventId");
        assertBroken(p -> p.put("eventId", "e".repeat(129)), "eventId");
        assertBroken(p -> p.put("carrier", "  "), "carrier");
        assertBroken(p -> p.remove("trackingNumber"), "trackingNumber");
        assertBroken(p -> p.remove("status"), "status");
        assertBroken(p -> p.put("status", "TELEPORTED"), "status");
        assertBroken(p -> p.remove("occurredAt"), "occurredAt");
        assertBroken(p -> p.put("occurredAt", "last tuesday"), "occurredAt");
        assertThatThrownBy(() -> canonical.adapt(EventCodec.mapper().createArrayNode()))
                .isInstanceOf(CarrierPayloadException.class);
    }

    private void assertBroken(Consumer<ObjectNode> breakIt, String field) {
        ObjectNode payload = Samples.load("canonical-event.json");
        breakIt.accept(payload);
        assertThatThrownBy(() -> canonical.adapt(payload))
                .isInstanceOf(CarrierPayloadException.class)
                .satisfies(e -> assertThat(((CarrierPayloadException) e).field()).isEqualTo(field));
    }
}
