package com.goodwill.intake.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.order.OrderEvent;

/** An order event as stored while it waits: written as the base type, so its {@code kind} comes along. */
final class OrderEventJson {

    private OrderEventJson() {
    }

    static String write(OrderEvent event) {
        try {
            return EventCodec.mapper().writerFor(OrderEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store order event " + event.eventId(), e);
        }
    }

    static OrderEvent read(String json) {
        try {
            return EventCodec.mapper().readValue(json, OrderEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order event is unreadable", e);
        }
    }
}
