package com.goodwill.intake.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * UPS Tracking API v1 ({@code GET /api/track/v1/details/{inquiryNumber}}, developer.ups.com, schema
 * {@code TrackApiResponse}): {@code trackResponse.shipment[].package[].activity[]} with
 * {@code status.type}, {@code status.code}, {@code status.description}, {@code gmtDate}/{@code gmtTime}
 * and local {@code date}/{@code time}/{@code gmtOffset}, plus the package's {@code deliveryDate[]}
 * ({@code SDD} scheduled, {@code RDD} rescheduled, {@code DEL} delivered) and {@code deliveryTime}.
 *
 * <p>Status types as UPS documents them:
 * <table>
 *     <tr><th>type</th><th>UPS meaning</th><th>canonical</th></tr>
 *     <tr><td>M</td><td>Billing information received (label created)</td><td>INFO_RECEIVED</td></tr>
 *     <tr><td>P</td><td>Pickup</td><td>PICKED_UP</td></tr>
 *     <tr><td>I</td><td>In transit; code {@code OT} is "Out for delivery today"</td><td>IN_TRANSIT / OUT_FOR_DELIVERY</td></tr>
 *     <tr><td>O</td><td>Out for delivery</td><td>OUT_FOR_DELIVERY</td></tr>
 *     <tr><td>D</td><td>Delivered; "UPS Access Point" awaiting the receiver</td><td>DELIVERED / AVAILABLE_FOR_PICKUP</td></tr>
 *     <tr><td>X</td><td>Exception, classified by its text (below)</td><td>see below, else UNKNOWN</td></tr>
 *     <tr><td>RS</td><td>Returned to shipper</td><td>RETURNED_TO_SENDER</td></tr>
 *     <tr><td>DO, DD, W</td><td>Freight: delivered to origin / destination CFS, warehousing</td><td>IN_TRANSIT</td></tr>
 *     <tr><td>MV, NA, anything else</td><td>Billing information voided, not available</td><td>UNKNOWN</td></tr>
 * </table>
 * Exceptions, first match in the description wins: "lost" → LOST, "damage" → DAMAGED,
 * "returned"/"return to sender" → RETURNED_TO_SENDER, "customs"/"clearance" → CUSTOMS_HOLD,
 * "address"/"moved" → ADDRESS_PROBLEM, "attempt"/"not available" → FAILED_ATTEMPT,
 * "delay"/"rescheduled" → DELAY_ANNOUNCED with the package's RDD as revised ETA (at
 * {@code deliveryTime.endTime} when given, else the end of that day, at the exception scan's offset).
 *
 * <p>rawCode is {@code type/code} ("X/UL"), rawText the description. UPS gives activities no id, so
 * it is derived.
 */
public final class UpsTrackingActivity implements CarrierFormat {

    static final String CARRIER = "UPS";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter COLON_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter BASIC_TIME = DateTimeFormatter.ofPattern("HHmmss");

    @Override
    public String name() {
        return "ups";
    }

    @Override
    public String description() {
        return "UPS Tracking API v1 response: {\"trackResponse\":{\"shipment\":[{\"package\":[{\"trackingNumber\":...,\"activity\":[...]}]}]}}";
    }

    @Override
    public List<CarrierEvent> adapt(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new CarrierPayloadException("", "must be a JSON object with \"trackResponse\"");
        }
        JsonNode response = Payload.object(payload, "trackResponse", "");
        JsonNode shipments = Payload.nonEmptyArray(response, "shipment", "trackResponse");
        List<CarrierEvent> events = new ArrayList<>();
        for (int s = 0; s < shipments.size(); s++) {
            String shipmentPath = Payload.index("trackResponse.shipment", s);
            JsonNode shipment = Payload.element(shipments, s, "trackResponse.shipment");
            JsonNode packages = Payload.nonEmptyArray(shipment, "package", shipmentPath);
            String packagesPath = Payload.child(shipmentPath, "package");
            for (int p = 0; p < packages.size(); p++) {
                events.addAll(pack(Payload.element(packages, p, packagesPath), Payload.index(packagesPath, p)));
            }
        }
        events.sort(Comparator.comparing(CarrierEvent::occurredAt));
        return events;
    }

    private List<CarrierEvent> pack(JsonNode pack, String path) {
        String trackingNumber = ScanBuilder.identifier(Payload.text(pack, "trackingNumber", path),
                ScanBuilder.TRACKING_NUMBER_MAX, Payload.child(path, "trackingNumber"));
        Rescheduled rescheduled = rescheduled(pack, path);
        String activitiesPath = Payload.child(path, "activity");
        JsonNode activities = Payload.nonEmptyArray(pack, "activity", path);
        List<CarrierEvent> mapped = new ArrayList<>();
        for (int a = 0; a < activities.size(); a++) {
            mapped.add(activity(Payload.element(activities, a, activitiesPath), Payload.index(activitiesPath, a),
                    trackingNumber, rescheduled));
        }
        return mapped;
    }

    private CarrierEvent activity(JsonNode activity, String path, String trackingNumber, Rescheduled rescheduled) {
        Instant occurredAt = occurredAt(activity, path);
        JsonNode status = Payload.object(activity, "status", path);
        String statusPath = Payload.child(path, "status");
        String type = Payload.text(status, "type", statusPath);
        String code = Payload.text(status, "code", statusPath);
        String description = Payload.text(status, "description", statusPath);
        String simplified = Payload.text(status, "simplifiedTextDescription", statusPath);

        TrackingStatus canonical = classify(type, code, StatusText.of(description, simplified));
        Instant revisedEta = null;
        if (canonical == TrackingStatus.DELAY_ANNOUNCED && rescheduled != null) {
            revisedEta = rescheduled.at(offset(activity, path));
        }
        String rawCode = type == null ? code : code == null ? type : type + "/" + code;
        String location = ScanBuilder.join(
                Payload.nestedText(activity, path, "location", "address", "city"),
                Payload.nestedText(activity, path, "location", "address", "stateProvince"),
                Payload.nestedText(activity, path, "location", "address", "countryCode"));
        return ScanBuilder.scan(name(), CARRIER, trackingNumber, canonical, occurredAt, location, revisedEta, rawCode,
                description != null ? description : simplified);
    }

    static TrackingStatus classify(String type, String code, String text) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "M" -> TrackingStatus.INFO_RECEIVED;
            case "P" -> TrackingStatus.PICKED_UP;
            case "I" -> "OT".equalsIgnoreCase(code) || StatusText.outForDelivery(text)
                    ? TrackingStatus.OUT_FOR_DELIVERY
                    : StatusText.atPickupPoint(text) ? TrackingStatus.AVAILABLE_FOR_PICKUP : TrackingStatus.IN_TRANSIT;
            case "O" -> TrackingStatus.OUT_FOR_DELIVERY;
            // UPS reports a drop at an Access Point as delivered; the receiver still has to collect it.
            case "D" -> StatusText.atPickupPoint(text) ? TrackingStatus.AVAILABLE_FOR_PICKUP : TrackingStatus.DELIVERED;
            case "X" -> StatusText.problem(text, true).orElse(TrackingStatus.UNKNOWN);
            case "RS" -> TrackingStatus.RETURNED_TO_SENDER;
            case "DO", "DD", "W" -> TrackingStatus.IN_TRANSIT;
            default -> TrackingStatus.UNKNOWN;
        };
    }

    /** UTC from {@code gmtDate}/{@code gmtTime} when both are there, else local date and time at {@code gmtOffset}. */
    private static Instant occurredAt(JsonNode activity, String path) {
        String gmtDate = Payload.text(activity, "gmtDate", path);
        String gmtTime = Payload.text(activity, "gmtTime", path);
        if (gmtDate != null && gmtTime != null) {
            return date(gmtDate, Payload.child(path, "gmtDate"))
                    .atTime(time(gmtTime, Payload.child(path, "gmtTime")))
                    .toInstant(ZoneOffset.UTC);
        }
        LocalDate date = date(Payload.text(activity, "date", path), Payload.child(path, "date"));
        LocalTime time = time(Payload.text(activity, "time", path), Payload.child(path, "time"));
        ZoneOffset offset = offset(activity, path);
        if (offset == null) {
            throw new CarrierPayloadException(Payload.child(path, "gmtOffset"),
                    "is missing, and without gmtDate/gmtTime the local time cannot be placed");
        }
        return date.atTime(time).toInstant(offset);
    }

    private static ZoneOffset offset(JsonNode activity, String path) {
        String offset = Payload.text(activity, "gmtOffset", path);
        if (offset == null) {
            return null;
        }
        try {
            return ZoneOffset.of(offset);
        } catch (DateTimeException e) {
            throw new CarrierPayloadException(Payload.child(path, "gmtOffset"), "is not an offset like -05:00: '" + offset + "'");
        }
    }

    private static LocalDate date(String text, String path) {
        if (text == null) {
            throw new CarrierPayloadException(path, "is missing");
        }
        try {
            return LocalDate.parse(text, BASIC_DATE);
        } catch (DateTimeParseException e) {
            throw new CarrierPayloadException(path, "is not a date like YYYYMMDD: '" + text + "'");
        }
    }

    private static LocalTime time(String text, String path) {
        if (text == null) {
            throw new CarrierPayloadException(path, "is missing");
        }
        try {
            return LocalTime.parse(text, text.contains(":") ? COLON_TIME : BASIC_TIME);
        } catch (DateTimeParseException e) {
            throw new CarrierPayloadException(path, "is not a time like HHMMSS or HH:MM:SS: '" + text + "'");
        }
    }

    /** The package's rescheduled delivery date (RDD), if UPS gave one. */
    private static Rescheduled rescheduled(JsonNode pack, String path) {
        JsonNode dates = Payload.optionalArray(pack, "deliveryDate", path);
        String datesPath = Payload.child(path, "deliveryDate");
        for (int i = 0; i < dates.size(); i++) {
            String at = Payload.index(datesPath, i);
            JsonNode entry = Payload.element(dates, i, datesPath);
            if ("RDD".equalsIgnoreCase(Payload.text(entry, "type", at))) {
                LocalDate date = date(Payload.text(entry, "date", at), Payload.child(at, "date"));
                String endTime = Payload.nestedText(pack, path, "deliveryTime", "endTime");
                LocalTime time = endTime == null ? LocalTime.of(23, 59, 59)
                        : time(endTime, Payload.child(path, "deliveryTime.endTime"));
                return new Rescheduled(date, time);
            }
        }
        return null;
    }

    /** UPS gives the date and time without a zone; the exception scan's offset is the best guess of the local one. */
    private record Rescheduled(LocalDate date, LocalTime time) {
        Instant at(ZoneOffset offset) {
            return date.atTime(time).toInstant(offset == null ? ZoneOffset.UTC : offset);
        }
    }
}
