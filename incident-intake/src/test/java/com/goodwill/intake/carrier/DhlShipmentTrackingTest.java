package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static com.goodwill.contracts.carrier.TrackingStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DhlShipmentTrackingTest {

    private final DhlShipmentTracking dhl = new DhlShipmentTracking();

    @Test
    void expressShipmentFromPickupToDelivery() {
        List<CarrierEvent> events = dhl.adapt(Samples.load("dhl-express-delivered.json"));

        assertThat(events).extracting(CarrierEvent::status, CarrierEvent::occurredAt, CarrierEvent::location,
                        CarrierEvent::rawCode, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple(INFO_RECEIVED, Instant.parse("2026-11-18T09:00:00Z"), null, "pre-transit", null),
                        tuple(PICKED_UP, Instant.parse("2026-11-18T15:02:00Z"), "LEIPZIG - GERMANY", "transit", null),
                        tuple(IN_TRANSIT, Instant.parse("2026-11-18T21:30:00Z"), "LEIPZIG - GERMANY", "transit", null),
                        tuple(OUT_FOR_DELIVERY, Instant.parse("2026-11-19T06:45:00Z"), "AMSTERDAM - NETHERLANDS", "transit", null),
                        tuple(DELIVERED, Instant.parse("2026-11-19T08:10:00Z"), "AMSTERDAM - NETHERLANDS", "delivered", null));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.carrier()).isEqualTo("DHL");
            assertThat(event.trackingNumber()).isEqualTo("7777777770");
        });
        assertThat(events.get(3).rawText()).isEqualTo("Shipment is out with courier for delivery");
    }

    @Test
    void exceptionVariantsMapToTheirCanonicalStatus() {
        List<CarrierEvent> events = dhl.adapt(Samples.load("dhl-parcel-exceptions.json"));

        assertThat(events).extracting(CarrierEvent::trackingNumber, CarrierEvent::status, CarrierEvent::occurredAt,
                        CarrierEvent::location, CarrierEvent::rawCode, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple("00340434161094000001", INFO_RECEIVED, Instant.parse("2026-11-16T17:12:00Z"), null, "pre-transit", null),
                        tuple("00340434161094000001", IN_TRANSIT, Instant.parse("2026-11-17T02:40:00Z"), "Bochum", "transit", null),
                        tuple("00340434161094000003", CUSTOMS_HOLD, Instant.parse("2026-11-17T07:00:00Z"), "FRANKFURT - GERMANY", "transit", null),
                        tuple("00340434161094000001", DAMAGED, Instant.parse("2026-11-17T10:05:00Z"), "Bochum", "failure", null),
                        tuple("00340434161094000002", ADDRESS_PROBLEM, Instant.parse("2026-11-17T11:30:00Z"), "Hamburg", "failure", null),
                        tuple("00340434161094000003", IN_TRANSIT, Instant.parse("2026-11-17T14:20:00Z"), "FRANKFURT - GERMANY", "transit", null),
                        tuple("00340434161094000005", RETURNED_TO_SENDER, Instant.parse("2026-11-18T08:00:00Z"), "Leipzig", "failure", null),
                        tuple("00340434161094000006", LOST, Instant.parse("2026-11-18T08:30:00Z"), null, "failure", null),
                        tuple("00340434161094000004", FAILED_ATTEMPT, Instant.parse("2026-11-18T09:15:00Z"), "Köln", "transit", null),
                        tuple("00340434161094000004", AVAILABLE_FOR_PICKUP, Instant.parse("2026-11-18T13:00:00Z"), "Köln", "transit", null),
                        tuple("00340434161094000007", DELAY_ANNOUNCED, Instant.parse("2026-11-19T06:00:00Z"), "Dresden", "transit",
                                Instant.parse("2026-11-23T17:00:00Z")),
                        tuple("00340434161094000008", UNKNOWN, Instant.parse("2026-11-19T07:00:00Z"), "Berlin", "failure", null),
                        tuple("00340434161094000004", DELIVERED, Instant.parse("2026-11-19T16:30:00Z"), "Köln", "delivered", null));
    }

    @Test
    void theSamePayloadTwiceGivesTheSameEventIds() {
        List<String> first = dhl.adapt(Samples.load("dhl-parcel-exceptions.json")).stream().map(CarrierEvent::eventId).toList();
        List<String> second = dhl.adapt(Samples.load("dhl-parcel-exceptions.json")).stream().map(CarrierEvent::eventId).toList();

        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void theSameScanWrittenWithAnotherOffsetOrLanguageKeepsItsId() {
        ObjectNode english = Samples.load("dhl-express-delivered.json");
        ObjectNode german = Samples.load("dhl-express-delivered.json");
        Samples.at(german, "/shipments/0/events/0").put("timestamp", "2026-11-19T08:10:00Z").put("description", "Zugestellt");

        assertThat(dhl.adapt(german).get(4).eventId()).isEqualTo(dhl.adapt(english).get(4).eventId());
    }

    @Test
    void anUnknownStatusCodeIsKeptRawAsUnknown() {
        ObjectNode payload = Samples.load("dhl-express-delivered.json");
        Samples.at(payload, "/shipments/0/events/2").put("statusCode", "handed-over").put("statusDetailed", "hub-transfer");

        CarrierEvent event = dhl.adapt(payload).get(2);

        assertThat(event.status()).isEqualTo(UNKNOWN);
        assertThat(event.rawCode()).isEqualTo("handed-over:hub-transfer");
        assertThat(event.rawText()).isEqualTo("Shipment has departed from a DHL facility LEIPZIG - GERMANY");
    }

    @Test
    void aDelayWithoutAnEstimateIsStillAnnouncedWithoutRevisedEta() {
        ObjectNode payload = Samples.load("dhl-parcel-exceptions.json");
        Samples.at(payload, "/shipments/6").remove("estimatedTimeOfDelivery");

        CarrierEvent delay = dhl.adapt(payload).stream().filter(e -> e.status() == DELAY_ANNOUNCED).findFirst().orElseThrow();

        assertThat(delay.revisedEta()).isNull();
    }

    @Test
    void theEndOfTheDeliveryTimeFrameServesAsEstimate() {
        ObjectNode payload = Samples.load("dhl-parcel-exceptions.json");
        Samples.at(payload, "/shipments/6").remove("estimatedTimeOfDelivery");
        Samples.at(payload, "/shipments/6").putObject("estimatedDeliveryTimeFrame")
                .put("estimatedFrom", "2026-11-24T10:00:00+01:00").put("estimatedThrough", "2026-11-24T14:00:00+01:00");

        CarrierEvent delay = dhl.adapt(payload).stream().filter(e -> e.status() == DELAY_ANNOUNCED).findFirst().orElseThrow();

        assertThat(delay.revisedEta()).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
    }

    @Test
    void textsAreTrimmedAndCapped() {
        ObjectNode payload = Samples.load("dhl-express-delivered.json");
        Samples.at(payload, "/shipments/0/events/0").put("description", "  " + "x".repeat(600) + "  ");
        Samples.at(payload, "/shipments/0/events/0/location/address").put("addressLocality", " " + "y".repeat(250));

        CarrierEvent delivered = dhl.adapt(payload).get(4);

        assertThat(delivered.rawText()).hasSize(500).doesNotStartWith(" ");
        assertThat(delivered.location()).hasSize(200);
    }

    @Test
    void deliveryIntoAPackstationWaitsForTheRecipient() {
        assertThat(DhlShipmentTracking.classify("delivered", StatusText.of("The shipment has been delivered to the Packstation")))
                .isEqualTo(AVAILABLE_FOR_PICKUP);
        assertThat(DhlShipmentTracking.classify("delivered", StatusText.of("Delivered"))).isEqualTo(DELIVERED);
    }

    @Test
    void brokenPayloadsNameTheField() {
        assertBroken(p -> Samples.at(p, "/shipments/0").remove("id"), "shipments[0].id");
        assertBroken(p -> Samples.at(p, "/shipments/0/events/2").put("timestamp", "yesterday"), "shipments[0].events[2].timestamp");
        assertBroken(p -> Samples.at(p, "/shipments/0/events/2").remove("timestamp"), "shipments[0].events[2].timestamp");
        assertBroken(p -> Samples.at(p, "/shipments/0").putArray("events"), "shipments[0].events");
        assertBroken(p -> Samples.at(p, "/shipments/0").put("events", "none"), "shipments[0].events");
        assertBroken(p -> Samples.at(p, "/shipments/0").withArray("events").set(1, 42), "shipments[0].events[1]");
        assertBroken(p -> Samples.at(p, "/shipments/0/events/0").put("description", 5), "shipments[0].events[0].description");
        assertBroken(p -> Samples.at(p, "/shipments/0").put("id", "9".repeat(65)), "shipments[0].id");
        assertBroken(p -> p.remove("shipments"), "shipments");
        assertBroken(p -> Samples.at(p, "/shipments/0").put("estimatedTimeOfDelivery", "soon"), "shipments[0].estimatedTimeOfDelivery");
    }

    @Test
    void aPayloadThatIsNoObjectIsRejected() {
        assertThatThrownBy(() -> dhl.adapt(com.goodwill.contracts.envelope.EventCodec.mapper().createArrayNode()))
                .isInstanceOf(CarrierPayloadException.class)
                .extracting(e -> ((CarrierPayloadException) e).field()).isEqualTo("");
    }

    private void assertBroken(Consumer<ObjectNode> breakIt, String field) {
        ObjectNode payload = Samples.load("dhl-express-delivered.json");
        breakIt.accept(payload);
        assertThatThrownBy(() -> dhl.adapt(payload))
                .isInstanceOf(CarrierPayloadException.class)
                .satisfies(e -> assertThat(((CarrierPayloadException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }
}
