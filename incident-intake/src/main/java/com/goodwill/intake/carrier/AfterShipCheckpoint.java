package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AfterShip tracking, as its webhook sends it ({@code {"msg": tracking}}), as its Tracking API
 * answers ({@code {"data":{"tracking": ...}}}, {@code {"tracking": ...}}) or bare. Follows AfterShip's
 * documented "Delivery Statuses" (tags) and "Delivery Sub-statuses" (subtags) enums
 * (aftership.com/docs/tracking/enum/delivery-sub-statuses).
 *
 * <p>The subtag decides where AfterShip has one that says more than its tag, else the tag:
 * <table>
 *     <tr><th>tag / subtag</th><th>AfterShip meaning</th><th>canonical</th></tr>
 *     <tr><td>InfoReceived</td><td>carrier has the shipment data</td><td>INFO_RECEIVED</td></tr>
 *     <tr><td>InTransit_002</td><td>acceptance scan</td><td>PICKED_UP</td></tr>
 *     <tr><td>InTransit</td><td>on the way</td><td>IN_TRANSIT</td></tr>
 *     <tr><td>OutForDelivery</td><td>out for delivery</td><td>OUT_FOR_DELIVERY</td></tr>
 *     <tr><td>AttemptFail</td><td>failed attempt</td><td>FAILED_ATTEMPT</td></tr>
 *     <tr><td>AvailableForPickup</td><td>waiting at a pickup point</td><td>AVAILABLE_FOR_PICKUP</td></tr>
 *     <tr><td>Delivered</td><td>delivered</td><td>DELIVERED</td></tr>
 *     <tr><td>Exception_002</td><td>customer moved</td><td>ADDRESS_PROBLEM</td></tr>
 *     <tr><td>Exception_003</td><td>customer refused delivery</td><td>FAILED_ATTEMPT</td></tr>
 *     <tr><td>Exception_004</td><td>delayed (customs clearance)</td><td>CUSTOMS_HOLD</td></tr>
 *     <tr><td>Exception_005</td><td>delayed (external factors)</td><td>DELAY_ANNOUNCED</td></tr>
 *     <tr><td>Exception_006</td><td>held for payment (duties and taxes, in practice)</td><td>CUSTOMS_HOLD</td></tr>
 *     <tr><td>Exception_007</td><td>incorrect address</td><td>ADDRESS_PROBLEM</td></tr>
 *     <tr><td>Exception_008</td><td>pick up missed</td><td>FAILED_ATTEMPT</td></tr>
 *     <tr><td>Exception_010</td><td>returning to sender</td><td>RETURNED_TO_SENDER</td></tr>
 *     <tr><td>Exception_011</td><td>returned to sender</td><td>RETURNED_TO_SENDER</td></tr>
 *     <tr><td>Exception_012</td><td>shipment damage</td><td>DAMAGED</td></tr>
 *     <tr><td>Exception_013</td><td>shipment lost</td><td>LOST</td></tr>
 *     <tr><td>Exception_016, Exception_017</td><td>delayed (processing issue, extreme weather)</td><td>DELAY_ANNOUNCED</td></tr>
 *     <tr><td>Exception_018</td><td>incorrect / missing documents for regulatory agencies</td><td>CUSTOMS_HOLD</td></tr>
 *     <tr><td>Exception_001, Exception_009, other Exception subtags</td><td>generic exception, rejected by carrier</td><td>UNKNOWN</td></tr>
 *     <tr><td>Pending, Expired, anything else</td><td>no tracking information</td><td>UNKNOWN</td></tr>
 * </table>
 * A delay carries the tracking's {@code expected_delivery} (or
 * {@code courier_estimated_delivery_date.estimated_delivery_date}) as revised ETA.
 *
 * <p>{@code checkpoint_time} is the checkpoint's local time; AfterShip includes the offset when
 * the carrier gives one and leaves it out otherwise. Without an offset the time is read as UTC
 * (see {@link Timestamps}). The carrier is the tracking's {@code slug} uppercased ("dhl" → "DHL"),
 * so events line up with shipments booked under the carrier's own name. rawCode is the subtag (the
 * tag when there is none), rawText the checkpoint's {@code message}.
 */
public final class AfterShipCheckpoint implements CarrierFormat {

    private static final Map<String, TrackingStatus> BY_SUBTAG = Map.ofEntries(
            Map.entry("InTransit_002", TrackingStatus.PICKED_UP),
            Map.entry("Exception_002", TrackingStatus.ADDRESS_PROBLEM),
            Map.entry("Exception_003", TrackingStatus.FAILED_ATTEMPT),
            Map.entry("Exception_004", TrackingStatus.CUSTOMS_HOLD),
            Map.entry("Exception_005", TrackingStatus.DELAY_ANNOUNCED),
            Map.entry("Exception_006", TrackingStatus.CUSTOMS_HOLD),
            Map.entry("Exception_007", TrackingStatus.ADDRESS_PROBLEM),
            Map.entry("Exception_008", TrackingStatus.FAILED_ATTEMPT),
            Map.entry("Exception_010", TrackingStatus.RETURNED_TO_SENDER),
            Map.entry("Exception_011", TrackingStatus.RETURNED_TO_SENDER),
            Map.entry("Exception_012", TrackingStatus.DAMAGED),
            Map.entry("Exception_013", TrackingStatus.LOST),
            Map.entry("Exception_016", TrackingStatus.DELAY_ANNOUNCED),
            Map.entry("Exception_017", TrackingStatus.DELAY_ANNOUNCED),
            Map.entry("Exception_018", TrackingStatus.CUSTOMS_HOLD));

    private static final Map<String, TrackingStatus> BY_TAG = Map.of(
            "InfoReceived", TrackingStatus.INFO_RECEIVED,
            "InTransit", TrackingStatus.IN_TRANSIT,
            "OutForDelivery", TrackingStatus.OUT_FOR_DELIVERY,
            "AttemptFail", TrackingStatus.FAILED_ATTEMPT,
            "AvailableForPickup", TrackingStatus.AVAILABLE_FOR_PICKUP,
            "Delivered", TrackingStatus.DELIVERED);

    @Override
    public String name() {
        return "aftership";
    }

    @Override
    public String description() {
        return "AfterShip webhook or tracking: {\"msg\":{...}}, {\"tracking\":{...}} or the tracking object itself";
    }

    @Override
    public List<CarrierEvent> adapt(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new CarrierPayloadException("", "must be a JSON object (an AfterShip webhook or tracking)");
        }
        String path;
        JsonNode tracking;
        if (Payload.present(payload, "msg")) {
            path = "msg";
            tracking = Payload.object(payload, "msg", "");
        } else if (Payload.present(payload, "tracking")) {
            path = "tracking";
            tracking = Payload.object(payload, "tracking", "");
        } else if (Payload.present(payload, "data")) {
            path = "data.tracking";
            tracking = Payload.object(Payload.object(payload, "data", ""), "tracking", "data");
        } else {
            path = "";
            tracking = payload;
        }
        return tracking(tracking, path);
    }

    private List<CarrierEvent> tracking(JsonNode tracking, String path) {
        String trackingNumber = ScanBuilder.identifier(Payload.text(tracking, "tracking_number", path),
                ScanBuilder.TRACKING_NUMBER_MAX, Payload.child(path, "tracking_number"));
        String slug = Payload.text(tracking, "slug", path);
        String carrier = ScanBuilder.identifier(slug == null ? null : slug.toUpperCase(Locale.ROOT),
                ScanBuilder.CARRIER_MAX, Payload.child(path, "slug"));
        Instant eta = expectedDelivery(tracking, path);
        String checkpointsPath = Payload.child(path, "checkpoints");
        JsonNode checkpoints = Payload.nonEmptyArray(tracking, "checkpoints", path);
        List<CarrierEvent> events = new ArrayList<>();
        for (int c = 0; c < checkpoints.size(); c++) {
            events.add(checkpoint(Payload.element(checkpoints, c, checkpointsPath), Payload.index(checkpointsPath, c),
                    carrier, trackingNumber, eta));
        }
        events.sort(Comparator.comparing(CarrierEvent::occurredAt));
        return events;
    }

    private static Instant expectedDelivery(JsonNode tracking, String path) {
        String expected = Payload.text(tracking, "expected_delivery", path);
        if (expected != null) {
            return Timestamps.eta(expected, Payload.child(path, "expected_delivery"));
        }
        String courier = Payload.nestedText(tracking, path, "courier_estimated_delivery_date", "estimated_delivery_date");
        return courier == null ? null
                : Timestamps.eta(courier, Payload.child(path, "courier_estimated_delivery_date.estimated_delivery_date"));
    }

    private CarrierEvent checkpoint(JsonNode checkpoint, String path, String carrier, String trackingNumber, Instant eta) {
        Instant occurredAt = Timestamps.event(Payload.text(checkpoint, "checkpoint_time", path),
                Payload.child(path, "checkpoint_time"));
        String tag = Payload.text(checkpoint, "tag", path);
        String subtag = Payload.text(checkpoint, "subtag", path);
        TrackingStatus status = classify(tag, subtag);
        String location = Payload.text(checkpoint, "location", path);
        if (location == null) {
            location = ScanBuilder.join(Payload.text(checkpoint, "city", path), Payload.text(checkpoint, "state", path),
                    Payload.text(checkpoint, "country_iso3", path));
        }
        String message = Payload.text(checkpoint, "message", path);
        return ScanBuilder.scan(name(), carrier, trackingNumber, status, occurredAt, location,
                status == TrackingStatus.DELAY_ANNOUNCED ? eta : null, subtag != null ? subtag : tag,
                message != null ? message : Payload.text(checkpoint, "subtag_message", path));
    }

    static TrackingStatus classify(String tag, String subtag) {
        if (subtag != null && BY_SUBTAG.containsKey(subtag)) {
            return BY_SUBTAG.get(subtag);
        }
        if (tag == null) {
            return TrackingStatus.UNKNOWN;
        }
        return BY_TAG.getOrDefault(tag, TrackingStatus.UNKNOWN);
    }
}
