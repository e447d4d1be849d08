package com.goodwill.contracts;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/** CloudEvents {@code type} values. A breaking change to a payload gets a new version suffix. */
public final class EventTypes {

    public static final String ORDER_PLACED = "com.goodwill.order.placed.v1";
    public static final String ORDER_SHIPPED = "com.goodwill.order.shipped.v1";
    public static final String ORDER_DELIVERED = "com.goodwill.order.delivered.v1";
    public static final String ORDER_CANCELLED = "com.goodwill.order.cancelled.v1";
    public static final String ORDER_RETURNED = "com.goodwill.order.returned.v1";
    public static final String PROBLEM_REPORTED = "com.goodwill.order.problem-reported.v1";
    public static final String CARRIER_TRACKING = "com.goodwill.carrier.tracking.v1";
    public static final String CARRIER_PAYLOAD = "com.goodwill.carrier.payload.v1";
    public static final String INCIDENT_OPENED = "com.goodwill.incident.opened.v1";
    public static final String INCIDENT_ESCALATED = "com.goodwill.incident.escalated.v1";
    public static final String INCIDENT_RESOLVED = "com.goodwill.incident.resolved.v1";
    public static final String DECISION_MADE = "com.goodwill.decision.made.v1";
    public static final String DECISION_REVIEWED = "com.goodwill.decision.reviewed.v1";
    public static final String COMPENSATION_REQUESTED = "com.goodwill.compensation.requested.v1";
    public static final String FULFILMENT_RECORDED = "com.goodwill.fulfilment.recorded.v1";
    public static final String CUSTOMER_NOTIFIED = "com.goodwill.compensation.customer-notified.v1";
    public static final String ENTITLEMENT_GRANTED = "com.goodwill.compensation.entitlement-granted.v1";
    public static final String LEDGER_CHECKPOINT = "com.goodwill.ledger.checkpoint.v1";
    public static final String TOLERANCE_ALERT = "com.goodwill.alert.tolerance.v1";
    public static final String POLICY_ACTIVATED = "com.goodwill.policy.activated.v1";

    /** Every type above; read from the constants themselves, so a new type cannot be left out. */
    public static List<String> all() {
        return Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private EventTypes() {
    }
}
