package com.goodwill.contracts.carrier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tracking payload in a carrier's own shape, as a carrier webhook bridge puts it on the carrier topic.
 * incident-intake maps it onto canonical {@link CarrierEvent}s with the adapter named by {@code format}.
 *
 * @param format  dhl, ups or aftership (see {@code GET /api/carrier-events/formats} on incident-intake)
 * @param payload the carrier's JSON, unchanged
 */
public record CarrierPayload(String format, JsonNode payload) {
}
