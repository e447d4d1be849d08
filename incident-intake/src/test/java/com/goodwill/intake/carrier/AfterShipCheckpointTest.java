package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.envelope.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static com.goodwill.contracts.carrier.TrackingStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class AfterShipCheckpointTest {

    private final AfterShipCheckpoint afterShip = new AfterShipCheckpoint();

    @Test
    void webhookForADhlParcelCollectedAtTheRetailOutlet() {
        List<CarrierEvent> events = afterShip.adapt(Samples.load("aftership-webhook.json"));

        assertThat(events).extracting(CarrierEvent::status, CarrierEvent::occurredAt, CarrierEvent::location,
                        CarrierEvent::rawCode, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple(INFO_RECEIVED, Instant.parse("2026-11-17T08:12:00Z"), "DEU", "InfoReceived_001", null),
                        tuple(PICKED_UP, Instant.parse("2026-11-17T16:40:00Z"), "Bochum, DE", "InTransit_002", null),
                        tuple(IN_TRANSIT, Instant.parse("2026-11-18T01:15:00Z"), "Hamm, DE", "InTransit_007", null),
                        // checkpoint_time without offset: read as UTC.
                        tuple(OUT_FOR_DELIVERY, Instant.parse("2026-11-18T08:05:00Z"), "Köln, DE", "OutForDelivery_001", null),
                        tuple(FAILED_ATTEMPT, Instant.parse("2026-11-18T10:20:00Z"), "Köln, DE", "AttemptFail_002", null),
                        tuple(AVAILABLE_FOR_PICKUP, Instant.parse("2026-11-18T14:00:00Z"), "Köln, DE", "AvailableForPickup_001", null),
                        tuple(DELIVERED, Instant.parse("2026-11-19T09:45:00Z"), "Köln, DE", "Delivered_002", null));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.carrier()).isEqualTo("DHL");
            assertThat(event.trackingNumber()).isEqualTo("00340434161094042557");
        });
        assertThat(events.get(6).rawText()).isEqualTo("The shipment has been picked up by the recipient");
    }

    @Test
    void everyExceptionSubtagMapsToItsCanonicalStatus() {
        List<CarrierEvent> events = afterShip.adapt(Samples.load("aftership-exceptions.json"));
        Instant eta = Instant.parse("2026-11-25T23:59:59Z");

        assertThat(events).extracting(CarrierEvent::rawCode, CarrierEvent::status, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple("Exception_002", ADDRESS_PROBLEM, null),
                        tuple("Exception_003", FAILED_ATTEMPT, null),
                        tuple("Exception_004", CUSTOMS_HOLD, null),
                        tuple("Exception_005", DELAY_ANNOUNCED, eta),
                        tuple("Exception_006", CUSTOMS_HOLD, null),
                        tuple("Exception_007", ADDRESS_PROBLEM, null),
                        tuple("Exception_008", FAILED_ATTEMPT, null),
                        tuple("Exception_009", UNKNOWN, null),
                        tuple("Exception_010", RETURNED_TO_SENDER, null),
                        tuple("Exception_011", RETURNED_TO_SENDER, null),
                        tuple("Exception_012", DAMAGED, null),
                        tuple("Exception_013", LOST, null),
                        tuple("Exception_099", UNKNOWN, null),
                        tuple("Expired_001", UNKNOWN, null));
        assertThat(events.get(0)).satisfies(first -> {
            assertThat(first.carrier()).isEqualTo("UPS");
            assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
            assertThat(first.location()).isEqualTo("Chicago, IL, USA");
            assertThat(first.rawText()).isEqualTo("The receiver has moved");
        });
        // No message: the subtag's own text stands in.
        assertThat(events.get(13).rawText()).isEqualTo("No update for 30 days");
    }

    @Test
    void anUnknownTagIsKeptRawAsUnknown() {
        assertThat(AfterShipCheckpoint.classify("InCustody", null)).isEqualTo(UNKNOWN);
        assertThat(AfterShipCheckpoint.classify("Exception", "Exception_001")).isEqualTo(UNKNOWN);
        assertThat(AfterShipCheckpoint.classify("InTransit", "InTransit_099")).isEqualTo(IN_TRANSIT);
        assertThat(AfterShipCheckpoint.classify("Pending", "Pending_001")).isEqualTo(UNKNOWN);
    }

    @Test
    void theEnvelopeDoesNotMatter() {
        ObjectNode webhook = Samples.load("aftership-webhook.json");
        ObjectNode tracking = (ObjectNode) webhook.get("msg");
        ObjectNode wrapped = EventCodec.mapper().createObjectNode();
        wrapped.putObject("data").set("tracking", tracking.deepCopy());
        ObjectNode named = EventCodec.mapper().createObjectNode();
        named.set("tracking", tracking.deepCopy());

        List<CarrierEvent> expected = afterShip.adapt(webhook);

        assertThat(afterShip.adapt(tracking.deepCopy())).isEqualTo(expected);
        assertThat(afterShip.adapt(wrapped)).isEqualTo(expected);
        assertThat(afterShip.adapt(named)).isEqualTo(expected);
    }

    @Test
    void theSamePayloadTwiceGivesTheSameEventIds() {
        List<String> first = afterShip.adapt(Samples.load("aftership-exceptions.json")).stream().map(CarrierEvent::eventId).toList();
        List<String> second = afterShip.adapt(Samples.load("aftership-exceptions.json")).stream().map(CarrierEvent::eventId).toList();

        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void theCourierEstimateServesWhenExpectedDeliveryIsAbsent() {
        ObjectNode payload = Samples.load("aftership-exceptions.json");
        ObjectNode tracking = Samples.at(payload, "/tracking");
        tracking.remove("expected_delivery");
        tracking.putObject("courier_estimated_delivery_date").put("estimated_delivery_date", "2026-11-26T12:00:00+01:00");

        CarrierEvent delay = afterShip.adapt(payload).get(3);

        assertThat(delay.revisedEta()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
    }

    @Test
    void brokenPayloadsNameTheField() {
        assertBroken(p -> Samples.at(p, "/msg").remove("tracking_number"), "msg.tracking_number");
        assertBroken(p -> Samples.at(p, "/msg").remove("slug"), "msg.slug");
        assertBroken(p -> Samples.at(p, "/msg/checkpoints/1").put("checkpoint_time", "17.11.2026 17:40"), "msg.checkpoints[1].checkpoint_time");
        assertBroken(p -> Samples.at(p, "/msg/checkpoints/1").remove("checkpoint_time"), "msg.checkpoints[1].checkpoint_time");
        assertBroken(p -> Samples.at(p, "/msg/checkpoints/1").put("tag", 3), "msg.checkpoints[1].tag");
        assertBroken(p -> Samples.at(p, "/msg").putArray("checkpoints"), "msg.checkpoints");
        assertBroken(p -> Samples.at(p, "/msg").put("expected_delivery", "next week"), "msg.expected_delivery");
        assertBroken(p -> p.put("msg", "tracking"), "msg");
        ObjectNode bare = (ObjectNode) Samples.load("aftership-webhook.json").get("msg");
        bare.remove("checkpoints");
        assertThatThrownBy(() -> afterShip.adapt(bare))
                .isInstanceOf(CarrierPayloadException.class)
                .satisfies(e -> assertThat(((CarrierPayloadException) e).field()).isEqualTo("checkpoints"));
    }

    private void assertBroken(Consumer<ObjectNode> breakIt, String field) {
        ObjectNode payload = Samples.load("aftership-webhook.json");
        breakIt.accept(payload);
        assertThatThrownBy(() -> afterShip.adapt(payload))
                .isInstanceOf(CarrierPayloadException.class)
                .satisfies(e -> assertThat(((CarrierPayloadException) e).field()).isEqualTo(field));
    }
}
