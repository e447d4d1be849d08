package com.goodwill.audit.ledger;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.CarrierPayload;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.DecisionMade;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.OrderContext;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.contracts.order.CustomerProblem;
import com.goodwill.contracts.order.OrderCancelled;
import com.goodwill.contracts.order.OrderDelivered;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderReturned;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.contracts.order.Shipment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntryFacetsTest {

    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");
    private static final Money VALUE = Money.of(12_999, "EUR");

    @Test
    void orderPlacedStatesOrderCustomerAndMarket() {
        var placed = new OrderPlaced("e1", "ord-1", "cust-1", "FR", "web", "card", VALUE, List.of(), T0, T0);
        assertThat(facetsOf(EventTypes.ORDER_PLACED, "ord-1", placed))
                .isEqualTo(new EntryFacets("ord-1", "cust-1", null, null, null, null, "FR", null, null));
    }

    @Test
    void orderShippedWithOneCarrierHasItAndWithOneParcelItsTrackingNumber() {
        var one = new OrderShipped("e2", "ord-1", List.of(new Shipment("s1", "DHL", "JD1", "standard", "DE", "DE")), T0);
        assertThat(facetsOf(EventTypes.ORDER_SHIPPED, "ord-1", one))
                .isEqualTo(new EntryFacets("ord-1", null, null, null, "DHL", "JD1", null, null, null));

        var twoSameCarrier = new OrderShipped("e3", "ord-1", List.of(new Shipment("s1", "DHL", "JD1", null, null, null),
                new Shipment("s2", "DHL", "JD2", null, null, null)), T0);
        assertThat(facetsOf(EventTypes.ORDER_SHIPPED, "ord-1", twoSameCarrier))
                .extracting(EntryFacets::carrier, EntryFacets::trackingNumber).containsExactly("DHL", null);

        var twoCarriers = new OrderShipped("e4", "ord-1", List.of(new Shipment("s1", "DHL", "JD1", null, null, null),
                new Shipment("s2", "UPS", "1Z2", null, null, null)), T0);
        assertThat(facetsOf(EventTypes.ORDER_SHIPPED, "ord-1", twoCarriers))
                .extracting(EntryFacets::carrier, EntryFacets::trackingNumber).containsExactly(null, null);
    }

    @Test
    void laterOrderEventsStateOnlyTheOrder() {
        var expected = new EntryFacets("ord-1", null, null, null, null, null, null, null, null);
        assertThat(facetsOf(EventTypes.ORDER_DELIVERED, "ord-1", new OrderDelivered("e5", "ord-1", T0))).isEqualTo(expected);
        assertThat(facetsOf(EventTypes.ORDER_CANCELLED, "ord-1", new OrderCancelled("e6", "ord-1", "no", T0))).isEqualTo(expected);
        assertThat(facetsOf(EventTypes.ORDER_RETURNED, "ord-1", new OrderReturned("e7", "ord-1", "no", T0))).isEqualTo(expected);
        assertThat(facetsOf(EventTypes.PROBLEM_REPORTED, "ord-1", new ProblemReported("e8", "ord-1", "s1",
                CustomerProblem.DAMAGED, "box crushed", List.of(), T0))).isEqualTo(expected);
    }

    @Test
    void carrierScanOfAShippedOrderIsTheOrdersAndNamesCarrierAndParcel() {
        var scan = new CarrierEvent("scan-1", "UPS", "1Z9", TrackingStatus.IN_TRANSIT, T0, "Köln", null, "I", "in transit");
        assertThat(facetsOf(EventTypes.CARRIER_TRACKING, "ord-1", scan))
                .isEqualTo(new EntryFacets("ord-1", null, null, null, "UPS", "1Z9", null, null, null));
    }

    @Test
    void carrierScanBeforeTheOrderShippedHasNoOrderYet() {
        var scan = new CarrierEvent("scan-2", "DHL", "JD7", TrackingStatus.PICKED_UP, T0, null, null, null, null);
        assertThat(facetsOf(EventTypes.CARRIER_TRACKING, Subjects.tracking("DHL", "JD7"), scan))
                .isEqualTo(new EntryFacets(null, null, null, null, "DHL", "JD7", null, null, null));
    }

    @Test
    void carrierPayloadTakesCarrierAndParcelFromItsSubject() {
        var payload = new CarrierPayload("ups", EventCodec.mapper().createObjectNode().put("any", "shape"));
        assertThat(facetsOf(EventTypes.CARRIER_PAYLOAD, Subjects.tracking("UPS", "1Z:with:colons"), payload))
                .isEqualTo(new EntryFacets(null, null, null, null, "UPS", "1Z:with:colons", null, null, null));
    }

    @Test
    void incidentOfEveryLifecycleStepStatesItsCaseAndTheOrderContext() {
        for (IncidentLifecycle lifecycle : IncidentLifecycle.values()) {
            var incident = new Incident("inc-1", lifecycle, 1, "ord-1", "s1", "JD1", "DHL", IncidentClass.LOST,
                    Severity.HIGH, IncidentSource.TIMER, null, null, null, "lost", List.of(),
                    new OrderContext("cust-1", "NL", "web", "card", VALUE, T0), T0);
            assertThat(facetsOf(lifecycle.cloudEventType(), "ord-1", incident)).as(lifecycle.name())
                    .isEqualTo(new EntryFacets("ord-1", "cust-1", "inc-1", null, "DHL", "JD1", "NL", null, "LOST"));
        }
    }

    @Test
    void incidentAboutAnUnclaimedParcelHasNoOrder() {
        var incident = new Incident("inc-2", IncidentLifecycle.OPENED, 1, null, null, "JD8", "DHL",
                IncidentClass.INVALID_TRACKING_ID, Severity.LOW, IncidentSource.TIMER, null, null, null, "unknown",
                List.of(), null, T0);
        assertThat(facetsOf(EventTypes.INCIDENT_OPENED, Subjects.tracking("DHL", "JD8"), incident))
                .isEqualTo(new EntryFacets(null, null, "inc-2", null, "DHL", "JD8", null, null, "INVALID_TRACKING_ID"));
    }

    @Test
    void decisionStatesItsReasonCodeAndCustomer() {
        var made = new DecisionMade("dec-1", "inc-1", "ord-1", "cust-1", DecisionOutcome.COMPENSATE,
                List.of(new Remedy(Instrument.STORE_CREDIT, Money.of(650, "EUR"))), "AUTO", "config-1",
                "STORE_CREDIT_SHARE_OF_ORDER", "CS", "care", "Because", T0);
        assertThat(facetsOf(EventTypes.DECISION_MADE, "ord-1", made)).isEqualTo(new EntryFacets("ord-1", "cust-1",
                "inc-1", "dec-1", null, null, null, "STORE_CREDIT_SHARE_OF_ORDER", null));
    }

    @Test
    void compensationCommandAndFulfilmentStepStateTheirDecision() {
        var expected = new EntryFacets("ord-1", "cust-1", "inc-1", "dec-1", null, null, null, null, null);
        var requested = new CompensationRequested("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", Instrument.STORE_CREDIT,
                Money.of(650, "EUR"), "key", T0);
        assertThat(facetsOf(EventTypes.COMPENSATION_REQUESTED, "ord-1", requested)).isEqualTo(expected);
        var recorded = new FulfilmentRecorded("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1", Instrument.STORE_CREDIT,
                Money.of(650, "EUR"), FulfilmentStatus.SUCCEEDED, "ref", "done", T0);
        assertThat(facetsOf(EventTypes.FULFILMENT_RECORDED, "ord-1", recorded)).isEqualTo(expected);
    }

    @Test
    void orderFactsFillOnlyWhatTheEventDidNotSay() {
        var scan = facetsOf(EventTypes.CARRIER_TRACKING, "ord-1",
                new CarrierEvent("scan-3", "DHL", "JD1", TrackingStatus.IN_TRANSIT, T0, null, null, null, null));
        assertThat(scan.lacksOrderFacts()).isTrue();
        assertThat(scan.withOrderFacts("cust-1", "DE"))
                .isEqualTo(new EntryFacets("ord-1", "cust-1", null, null, "DHL", "JD1", "DE", null, null));

        var decision = new EntryFacets("ord-1", "cust-1", "inc-1", "dec-1", null, null, null, "R", null);
        assertThat(decision.withOrderFacts("cust-other", "FR").customerId()).isEqualTo("cust-1");

        var unclaimed = new EntryFacets(null, null, null, null, "DHL", "JD7", null, null, null);
        assertThat(unclaimed.lacksOrderFacts()).as("no order to ask").isFalse();
    }

    private static EntryFacets facetsOf(String type, String subject, Object payload) {
        EventEnvelope event = EventCodec.wrap(type, "/test", subject, T0, null, null, payload);
        return EntryFacets.of(EventCodec.parse(EventCodec.toJson(event)));
    }
}
