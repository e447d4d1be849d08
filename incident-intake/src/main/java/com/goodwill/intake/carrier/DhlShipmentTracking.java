package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DHL "Shipment Tracking - Unified" API ({@code GET /track/shipments}, developer.dhl.com, schema
 * {@code supermodelIoLogisticsTrackingShipments}): {@code shipments[].events[]} with
 * {@code timestamp}, {@code location.address.addressLocality}, {@code statusCode} (one of
 * {@code pre-transit}, {@code transit}, {@code delivered}, {@code failure}, {@code unknown}),
 * {@code statusDetailed}, {@code status}, {@code description} and {@code remark}.
 *
 * <p>DHL's five codes are coarse, so the event's texts refine them:
 * <table>
 *     <tr><th>statusCode</th><th>text</th><th>canonical</th></tr>
 *     <tr><td>pre-transit</td><td>"picked up"</td><td>PICKED_UP</td></tr>
 *     <tr><td>pre-transit</td><td>anything else</td><td>INFO_RECEIVED</td></tr>
 *     <tr><td>transit</td><td>a problem (below)</td><td>that problem</td></tr>
 *     <tr><td>transit</td><td>"ready for pick up", "Packstation", "retail outlet", ...</td><td>AVAILABLE_FOR_PICKUP</td></tr>
 *     <tr><td>transit</td><td>"out for delivery", "with courier for delivery", "delivery vehicle"</td><td>OUT_FOR_DELIVERY</td></tr>
 *     <tr><td>transit</td><td>"picked up"</td><td>PICKED_UP</td></tr>
 *     <tr><td>transit</td><td>anything else</td><td>IN_TRANSIT</td></tr>
 *     <tr><td>delivered</td><td>into a Packstation / retail outlet, not yet collected</td><td>AVAILABLE_FOR_PICKUP</td></tr>
 *     <tr><td>delivered</td><td>anything else</td><td>DELIVERED</td></tr>
 *     <tr><td>failure, unknown, absent</td><td>a problem (below)</td><td>that problem</td></tr>
 *     <tr><td>failure, unknown, absent, any other code</td><td>anything else</td><td>UNKNOWN</td></tr>
 * </table>
 * Problems, first match wins: "lost" → LOST, "damage" → DAMAGED, "returned"/"return to sender" →
 * RETURNED_TO_SENDER, "customs"/"clearance" → CUSTOMS_HOLD, "address" → ADDRESS_PROBLEM,
 * "delivery attempt"/"not present" → FAILED_ATTEMPT, "delay" → DELAY_ANNOUNCED with the shipment's
 * {@code estimatedTimeOfDelivery} (or the end of its {@code estimatedDeliveryTimeFrame}) as revised ETA.
 * In a routine {@code transit} scan "customs" and "address" only count with a qualifier
 * ("pending customs inspection", "incorrect address"): "Clearance processing complete" is progress.
 *
 * <p>rawCode is {@code statusCode}, with {@code statusDetailed} after a colon when DHL gives one;
 * rawText is {@code description} (or {@code status}). DHL gives events no id, so it is derived.
 */
public final class DhlShipmentTracking implements CarrierFormat {

    static final String CARRIER = "DHL";

    @Override
    public String name() {
        return "dhl";
    }

    @Override
    public String description() {
        return "DHL Shipment Tracking - Unified API response: {\"shipments\":[{\"id\":...,\"events\":[...]}]}";
    }

    @Override
    public List<CarrierEvent> adapt(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new CarrierPayloadException("", "must be a JSON object with \"shipments\"");
        }
        JsonNode shipments = Payload.nonEmptyArray(payload, "shipments", "");
        List<CarrierEvent> events = new ArrayList<>();
        for (int s = 0; s < shipments.size(); s++) {
            String path = Payload.index("shipments", s);
            events.addAll(shipment(Payload.element(shipments, s, "shipments"), path));
        }
        events.sort(Comparator.comparing(CarrierEvent::occurredAt));
        return events;
    }

    private List<CarrierEvent> shipment(JsonNode shipment, String path) {
        String trackingNumber = ScanBuilder.identifier(Payload.text(shipment, "id", path),
                ScanBuilder.TRACKING_NUMBER_MAX, Payload.child(path, "id"));
        Instant eta = estimatedDelivery(shipment, path);
        String eventsPath = Payload.child(path, "events");
        JsonNode events = Payload.nonEmptyArray(shipment, "events", path);
        List<CarrierEvent> mapped = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            mapped.add(event(Payload.element(events, e, eventsPath), Payload.index(eventsPath, e), trackingNumber, eta));
        }
        return mapped;
    }

    private static Instant estimatedDelivery(JsonNode shipment, String path) {
        String eta = Payload.text(shipment, "estimatedTimeOfDelivery", path);
        if (eta != null) {
            return Timestamps.eta(eta, Payload.child(path, "estimatedTimeOfDelivery"));
        }
        String through = Payload.nestedText(shipment, path, "estimatedDeliveryTimeFrame", "estimatedThrough");
        return through == null ? null
                : Timestamps.eta(through, Payload.child(path, "estimatedDeliveryTimeFrame.estimatedThrough"));
    }

    private CarrierEvent event(JsonNode event, String path, String trackingNumber, Instant eta) {
        Instant occurredAt = Timestamps.event(Payload.text(event, "timestamp", path), Payload.child(path, "timestamp"));
        String statusCode = Payload.text(event, "statusCode", path);
        String detail = Payload.text(event, "statusDetailed", path);
        String status = Payload.text(event, "status", path);
        String description = Payload.text(event, "description", path);
        String remark = Payload.text(event, "remark", path);
        String locality = Payload.nestedText(event, path, "location", "address", "addressLocality");

        String text = StatusText.of(status, detail, description, remark);
        TrackingStatus canonical = classify(statusCode, text);
        Instant revisedEta = canonical == TrackingStatus.DELAY_ANNOUNCED ? eta : null;
        String rawCode = statusCode == null ? null : detail == null ? statusCode : statusCode + ":" + detail;
        return ScanBuilder.scan(name(), CARRIER, trackingNumber, canonical, occurredAt, locality, revisedEta, rawCode,
                description != null ? description : status);
    }

    static TrackingStatus classify(String statusCode, String text) {
        String code = statusCode == null ? "unknown" : statusCode.toLowerCase(Locale.ROOT);
        return switch (code) {
            case "pre-transit" -> StatusText.pickedUpFromSender(text) ? TrackingStatus.PICKED_UP : TrackingStatus.INFO_RECEIVED;
            case "transit" -> inTransit(text);
            case "delivered" -> StatusText.atPickupPoint(text) ? TrackingStatus.AVAILABLE_FOR_PICKUP : TrackingStatus.DELIVERED;
            case "failure", "unknown" -> StatusText.problem(text, true).orElse(TrackingStatus.UNKNOWN);
            default -> TrackingStatus.UNKNOWN;
        };
    }

    private static TrackingStatus inTransit(String text) {
        Optional<TrackingStatus> problem = StatusText.problem(text, false);
        if (problem.isPresent()) {
            return problem.get();
        }
        if (StatusText.atPickupPoint(text)) {
            return TrackingStatus.AVAILABLE_FOR_PICKUP;
        }
        if (StatusText.outForDelivery(text)) {
            return TrackingStatus.OUT_FOR_DELIVERY;
        }
        if (StatusText.pickedUpFromSender(text)) {
            return TrackingStatus.PICKED_UP;
        }
        return TrackingStatus.IN_TRANSIT;
    }
}
