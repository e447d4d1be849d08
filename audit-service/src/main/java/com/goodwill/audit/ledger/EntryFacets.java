package com.goodwill.audit.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The searchable facts of one ledger entry, read from its event: whose order, customer, incident and decision it
 * is about, which carrier and parcel, which market, why a decision was made, which incident class. A fact the
 * event does not state is null here; {@link #withOrderFacts} fills customer and market from the order's earlier
 * entries. The same rules in SQL are the view {@code ledger_facet_from_payload} (V3), which backfilled the ledger.
 */
public record EntryFacets(String orderId, String customerId, String incidentId, String decisionId, String carrier,
                          String trackingNumber, String market, String reasonCode, String incidentClass) {


    public static EntryFacets of(EventEnvelope event) {
        JsonNode data = event.data();
        String subject = event.subject();
        String orderId = text(data, "orderId");
        String carrier = text(data, "carrier");
        String trackingNumber = text(data, "trackingNumber");
        // Carrier events are keyed by order id once the order shipped; before that by their parcel.
        boolean carrierEvent = EventTypes.CARRIER_TRACKING.equals(event.type()) || EventTypes.CARRIER_PAYLOAD.equals(event.type());
        if (orderId == null && carrierEvent && subject != null && Subjects.parcelOf(subject).isEmpty()) {
            orderId = subject;
        }
        if (EventTypes.ORDER_SHIPPED.equals(event.type()) && data != null && data.path("shipments").isArray()) {
            JsonNode shipments = data.get("shipments");
            Set<String> carriers = new HashSet<>();
            shipments.forEach(s -> carriers.add(text(s, "carrier")));
            carriers.remove(null);
            if (carrier == null && carriers.size() == 1) {
                carrier = carriers.iterator().next();
            }
            if (trackingNumber == null && shipments.size() == 1) {
                trackingNumber = text(shipments.get(0), "trackingNumber");
            }
        }
        Optional<Subjects.Parcel> parcel = Subjects.parcelOf(subject);
        if (parcel.isPresent()) {
            carrier = carrier != null ? carrier : parcel.get().carrier();
            trackingNumber = trackingNumber != null ? trackingNumber : parcel.get().trackingNumber();
        }
        JsonNode order = data == null ? null : data.get("order");
        return new EntryFacets(
                orderId,
                firstNonNull(text(data, "customerId"), text(order, "customerId")),
                text(data, "incidentId"),
                text(data, "decisionId"),
                carrier,
                trackingNumber,
                firstNonNull(text(data, "market"), text(order, "market")),
                text(data, "reasonCode"),
                text(data, "incidentClass"));
    }

    /** Whether customer or market is missing and the order's earlier entries could tell it. */
    public boolean lacksOrderFacts() {
        return orderId != null && (customerId == null || market == null);
    }

    /** Customer and market of the order where the event did not state them. */
    public EntryFacets withOrderFacts(String orderCustomerId, String orderMarket) {
        return new EntryFacets(orderId, firstNonNull(customerId, orderCustomerId), incidentId, decisionId, carrier,
                trackingNumber, firstNonNull(market, orderMarket), reasonCode, incidentClass);
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
