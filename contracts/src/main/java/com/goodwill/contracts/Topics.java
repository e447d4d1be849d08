package com.goodwill.contracts;

import java.util.List;

/**
 * Every Kafka topic of the platform. All goodwill topics are keyed by order id so that one order's
 * story stays in order within one partition; the ledger's checkpoints are one story of their own,
 * keyed by {@link com.goodwill.contracts.envelope.Subjects#LEDGER}.
 */
public final class Topics {

    /** Order events from the order system (placed, shipped, delivered, cancelled, returned). */
    public static final String ORDER_EVENTS = "goodwill.order-events.v1";
    /** Carrier tracking events in the platform's canonical shape. */
    public static final String CARRIER_EVENTS = "goodwill.carrier-events.v1";
    /** Canonical incidents detected by incident-intake. */
    public static final String INCIDENTS = "goodwill.incidents.v1";
    /** Every decision made for an incident, including "no compensation". */
    public static final String DECISIONS = "goodwill.decisions.v1";
    /** One command per instrument to execute. */
    public static final String COMPENSATION_COMMANDS = "goodwill.compensation-commands.v1";
    /** Each step of a command's execution. */
    public static final String FULFILMENT_RESULTS = "goodwill.fulfilment-results.v1";

    /**
     * Signed Merkle checkpoints of audit-service's ledger. Not a platform-event topic: the ledger does not
     * record its own checkpoints.
     */
    public static final String LEDGER_CHECKPOINTS = "goodwill.ledger-checkpoints.v1";

    /**
     * audit-service's tolerance alerts for the CRM cockpit (a carrier's or market's incident rate over its limit),
     * keyed by {@link com.goodwill.contracts.envelope.Subjects#tolerance}. Not a platform-event topic: the ledger
     * does not record it, so an alert can never feed back into the rates that raised it.
     */
    public static final String ALERTS = "goodwill.alerts.v1";

    /**
     * The public goodwill stream other systems (CRM, helpdesk, BI, finance) subscribe to: the public form of incidents,
     * decisions, compensations, customer messages, tolerance alerts and ledger checkpoints, projected by audit-service.
     * Keyed by order id (alerts and checkpoints by their own subjects). Not a platform-event topic: nothing inside the
     * platform consumes it.
     */
    public static final String PUBLIC_STREAM = "goodwill.public.v1";

    /** Dead-letter topics, one per consuming service: the record as received plus the reason in headers. */
    public static final String DEAD_LETTER_INTAKE = "goodwill.dead-letter.incident-intake";
    public static final String DEAD_LETTER_DECISION = "goodwill.dead-letter.decision-service";
    public static final String DEAD_LETTER_FULFILLMENT = "goodwill.dead-letter.fulfillment-service";
    public static final String DEAD_LETTER_AUDIT = "goodwill.dead-letter.audit-service";

    /** The topics that carry platform events; audit-service records all of them. */
    public static final List<String> EVENT_TOPICS = List.of(
            ORDER_EVENTS, CARRIER_EVENTS, INCIDENTS, DECISIONS, COMPENSATION_COMMANDS, FULFILMENT_RESULTS);

    public static final List<String> DEAD_LETTER_TOPICS = List.of(
            DEAD_LETTER_INTAKE, DEAD_LETTER_DECISION, DEAD_LETTER_FULFILLMENT, DEAD_LETTER_AUDIT);

    private Topics() {
    }

    /** Every topic a stack or a test broker must have. */
    public static List<String> all() {
        return java.util.stream.Stream.of(EVENT_TOPICS, List.of(LEDGER_CHECKPOINTS, ALERTS, PUBLIC_STREAM), DEAD_LETTER_TOPICS)
                .flatMap(List::stream).toList();
    }
}
