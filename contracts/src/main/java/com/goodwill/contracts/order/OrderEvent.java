package com.goodwill.contracts.order;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.goodwill.contracts.EventTypes;

import java.time.Instant;

/** An event from the order system. {@code kind} names the variant in JSON. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OrderPlaced.class, name = "placed"),
        @JsonSubTypes.Type(value = OrderShipped.class, name = "shipped"),
        @JsonSubTypes.Type(value = OrderDelivered.class, name = "delivered"),
        @JsonSubTypes.Type(value = OrderCancelled.class, name = "cancelled"),
        @JsonSubTypes.Type(value = OrderReturned.class, name = "returned"),
        @JsonSubTypes.Type(value = ProblemReported.class, name = "problem-reported")
})
public sealed interface OrderEvent permits OrderPlaced, OrderShipped, OrderDelivered, OrderCancelled, OrderReturned,
        ProblemReported {

    /** The order system's id for this event; re-sending the same id is a duplicate. */
    String eventId();

    String orderId();

    Instant occurredAt();

    /** The CloudEvents type that carries this variant. */
    default String cloudEventType() {
        if (this instanceof OrderPlaced) {
            return EventTypes.ORDER_PLACED;
        } else if (this instanceof OrderShipped) {
            return EventTypes.ORDER_SHIPPED;
        } else if (this instanceof OrderDelivered) {
            return EventTypes.ORDER_DELIVERED;
        } else if (this instanceof OrderCancelled) {
            return EventTypes.ORDER_CANCELLED;
        } else if (this instanceof ProblemReported) {
            return EventTypes.PROBLEM_REPORTED;
        }
        return EventTypes.ORDER_RETURNED;
    }
}
