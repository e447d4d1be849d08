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

    // The public goodwill stream (Topics.PUBLIC_STREAM), projected by audit-service: ids and business facts only.
    public static final String PUBLIC_INCIDENT_OPENED = "com.goodwill.public.incident.opened.v1";
    public static final String PUBLIC_INCIDENT_ESCALATED = "com.goodwill.public.incident.escalated.v1";
    public static final String PUBLIC_INCIDENT_RESOLVED = "com.goodwill.public.incident.resolved.v1";
    public static final String PUBLIC_DECISION_MADE = "com.goodwill.public.decision.made.v1";
    public static final String PUBLIC_DECISION_REVIEWED = "com.goodwill.public.decision.reviewed.v1";
    public static final String PUBLIC_COMPENSATION_EXECUTED = "com.goodwill.public.compensation.executed.v1";
    public static final String PUBLIC_COMPENSATION_FAILED = "com.goodwill.public.compensation.failed.v1";
    public static final String PUBLIC_CUSTOMER_MESSAGE_SENT = "com.goodwill.public.customer-message.sent.v1";
    public static final String PUBLIC_TOLERANCE_ALERT = "com.goodwill.public.alert.tolerance.v1";
    public static final String PUBLIC_LEDGER_CHECKPOINT = "com.goodwill.public.ledger.checkpoint.v1";

    /** The types of the public goodwill stream. */
    public static List<String> publicTypes() {
        return all().stream().filter(type -> type.startsWith("com.goodwill.public.")).toList();
    }

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
