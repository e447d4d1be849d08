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

class UpsTrackingActivityTest {

    private final UpsTrackingActivity ups = new UpsTrackingActivity();

    @Test
    void groundPackageFromLabelToDoorstep() {
        List<CarrierEvent> events = ups.adapt(Samples.load("ups-delivered.json"));

        assertThat(events).extracting(CarrierEvent::status, CarrierEvent::occurredAt, CarrierEvent::location,
                        CarrierEvent::rawCode, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple(INFO_RECEIVED, Instant.parse("2026-11-17T15:02:00Z"), "US", "M/MP", null),
                        tuple(PICKED_UP, Instant.parse("2026-11-17T22:40:00Z"), "Nashville, TN, US", "P/PU", null),
                        tuple(IN_TRANSIT, Instant.parse("2026-11-18T23:10:00Z"), "Louisville, KY, US", "I/DP", null),
                        tuple(IN_TRANSIT, Instant.parse("2026-11-19T06:47:00Z"), "Atlanta, GA, US", "I/AR", null),
                        tuple(OUT_FOR_DELIVERY, Instant.parse("2026-11-19T12:05:00Z"), "Atlanta, GA, US", "I/OT", null),
                        tuple(DELIVERED, Instant.parse("2026-11-19T19:32:00Z"), "Atlanta, GA, US", "D/FS", null));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.carrier()).isEqualTo("UPS");
            assertThat(event.trackingNumber()).isEqualTo("1Z023E2X0214323462");
        });
        assertThat(events.get(0).rawText()).isEqualTo("Shipper created a label, UPS has not received the package yet.");
    }

    @Test
    void exceptionVariantsMapToTheirCanonicalStatus() {
        List<CarrierEvent> events = ups.adapt(Samples.load("ups-exceptions.json"));

        assertThat(events).extracting(CarrierEvent::trackingNumber, CarrierEvent::status, CarrierEvent::occurredAt,
                        CarrierEvent::location, CarrierEvent::rawCode, CarrierEvent::revisedEta)
                .containsExactly(
                        tuple("1Z999AA10000000001", DAMAGED, Instant.parse("2026-11-18T15:00:00Z"), "Chicago, IL, US", "X/UD", null),
                        tuple("1Z999AA10000000002", ADDRESS_PROBLEM, Instant.parse("2026-11-18T16:00:00Z"), "Chicago, IL, US", "X/U2", null),
                        tuple("1Z999AA10000000003", CUSTOMS_HOLD, Instant.parse("2026-11-18T17:00:00Z"), "Louisville, KY, US", "X/UC", null),
                        // No gmtDate/gmtTime: local 18:30 at -05:00.
                        tuple("1Z999AA10000000004", FAILED_ATTEMPT, Instant.parse("2026-11-18T23:30:00Z"), "Atlanta, GA, US", "X/48", null),
                        tuple("1Z999AA10000000005", RETURNED_TO_SENDER, Instant.parse("2026-11-19T10:00:00Z"), "Atlanta, GA, US", "X/RT", null),
                        // RDD 2026-11-24, commit time 10:30, at the scan's -05:00.
                        tuple("1Z999AA10000000006", DELAY_ANNOUNCED, Instant.parse("2026-11-19T13:00:00Z"), "Denver, CO, US", "X/WD",
                                Instant.parse("2026-11-24T15:30:00Z")),
                        tuple("1Z999AA10000000007", UNKNOWN, Instant.parse("2026-11-19T14:00:00Z"), "Denver, CO, US", "ZZ/QX", null),
                        tuple("1Z999AA10000000008", AVAILABLE_FOR_PICKUP, Instant.parse("2026-11-19T16:00:00Z"), "Miami, FL, US", "D/2W", null),
                        tuple("1Z999AA10000000005", RETURNED_TO_SENDER, Instant.parse("2026-11-20T09:00:00Z"), "Atlanta, GA, US", "RS/RS", null));
    }

    @Test
    void aRescheduledDateWithoutTimeMeansTheEndOfThatDayAtTheScansOffset() {
        ObjectNode payload = Samples.load("ups-exceptions.json");
        Samples.at(payload, "/trackResponse/shipment/0/package/5").remove("deliveryTime");

        CarrierEvent delay = ups.adapt(payload).stream().filter(e -> e.status() == DELAY_ANNOUNCED).findFirst().orElseThrow();

        assertThat(delay.revisedEta()).isEqualTo(Instant.parse("2026-11-25T04:59:59Z"));
    }

    @Test
    void aDelayWithoutRddCarriesNoRevisedEta() {
        ObjectNode payload = Samples.load("ups-exceptions.json");
        Samples.at(payload, "/trackResponse/shipment/0/package/5").remove("deliveryDate");

        CarrierEvent delay = ups.adapt(payload).stream().filter(e -> e.status() == DELAY_ANNOUNCED).findFirst().orElseThrow();

        assertThat(delay.revisedEta()).isNull();
    }

    @Test
    void anExceptionWhoseTextSaysNothingKnownIsUnknownWithItsCode() {
        ObjectNode payload = Samples.load("ups-exceptions.json");
        Samples.at(payload, "/trackResponse/shipment/0/package/0/activity/0/status")
                .put("description", "A UPS exception has occurred.").put("code", "XY");

        CarrierEvent event = ups.adapt(payload).get(0);

        assertThat(event.status()).isEqualTo(UNKNOWN);
        assertThat(event.rawCode()).isEqualTo("X/XY");
        assertThat(event.rawText()).isEqualTo("A UPS exception has occurred.");
    }

    @Test
    void theSamePayloadTwiceGivesTheSameEventIds() {
        List<String> first = ups.adapt(Samples.load("ups-exceptions.json")).stream().map(CarrierEvent::eventId).toList();
        List<String> second = ups.adapt(Samples.load("ups-exceptions.json")).stream().map(CarrierEvent::eventId).toList();

        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void gmtTimeAndLocalTimeOfTheSameScanGiveTheSameId() {
        ObjectNode withGmt = Samples.load("ups-delivered.json");
        ObjectNode localOnly = Samples.load("ups-delivered.json");
        ObjectNode activity = Samples.at(localOnly, "/trackResponse/shipment/0/package/0/activity/0");
        activity.remove("gmtDate");
        activity.remove("gmtTime");

        assertThat(ups.adapt(localOnly).get(5).eventId()).isEqualTo(ups.adapt(withGmt).get(5).eventId());
    }

    @Test
    void brokenPayloadsNameTheField() {
        String pkg = "/trackResponse/shipment/0/package/0";
        String at = "trackResponse.shipment[0].package[0]";
        assertBroken(p -> Samples.at(p, pkg).remove("trackingNumber"), at + ".trackingNumber");
        assertBroken(p -> Samples.at(p, pkg + "/activity/1").put("gmtDate", "2026-11-19"), at + ".activity[1].gmtDate");
        assertBroken(p -> Samples.at(p, pkg + "/activity/1").put("gmtTime", "7 am"), at + ".activity[1].gmtTime");
        assertBroken(p -> {
            Samples.at(p, pkg + "/activity/2").remove("gmtDate");
            Samples.at(p, pkg + "/activity/2").remove("gmtOffset");
        }, at + ".activity[2].gmtOffset");
        assertBroken(p -> {
            Samples.at(p, pkg + "/activity/2").remove("gmtTime");
            Samples.at(p, pkg + "/activity/2").remove("time");
        }, at + ".activity[2].time");
        assertBroken(p -> Samples.at(p, pkg + "/activity/3").remove("status"), at + ".activity[3].status");
        assertBroken(p -> Samples.at(p, pkg + "/activity/3").put("status", "I"), at + ".activity[3].status");
        assertBroken(p -> Samples.at(p, pkg).putArray("activity"), at + ".activity");
        assertBroken(p -> Samples.at(p, "/trackResponse/shipment/0").remove("package"), "trackResponse.shipment[0].package");
        assertBroken(p -> Samples.at(p, "/trackResponse").put("shipment", 7), "trackResponse.shipment");
        assertBroken(p -> p.remove("trackResponse"), "trackResponse");
    }

    private void assertBroken(Consumer<ObjectNode> breakIt, String field) {
        ObjectNode payload = Samples.load("ups-delivered.json");
        breakIt.accept(payload);
        assertThatThrownBy(() -> ups.adapt(payload))
                .isInstanceOf(CarrierPayloadException.class)
                .satisfies(e -> assertThat(((CarrierPayloadException) e).field()).isEqualTo(field));
    }
}
