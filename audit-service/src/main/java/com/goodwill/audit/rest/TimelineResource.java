package com.goodwill.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.ledger.Ledger;
import com.goodwill.audit.persistence.LedgerEntryEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Path("/api/timeline")
@Tag(name = "Timelines")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    /** One thing that happened, with who did it (source) and what caused it. */
    public record TimelineEntry(long sequence, Instant time, String type, String source, String eventId,
                                String correlationId, String causationId, JsonNode data, String entryHash) {
    }

    public record Timeline(String orderId, int count, List<TimelineEntry> entries) {
    }

    public record IncidentCase(String incidentId, int count, List<TimelineEntry> entries) {
    }

    public record CustomerTimeline(String customerId, int count, List<TimelineEntry> entries) {
    }

    public record DecisionCase(String decisionId, int count, List<TimelineEntry> entries) {
    }

    private final Ledger ledger;

    public TimelineResource(Ledger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(summary = "Everything that happened to one order, in order")
    public Timeline order(@PathParam("orderId") String orderId) {
        List<TimelineEntry> entries = ledger.timelineOfOrder(orderId).stream().map(TimelineResource::entry).toList();
        return new Timeline(orderId, entries.size(), entries);
    }

    @GET
    @Path("/incidents/{incidentId}")
    @Operation(summary = "One incident's case: what revealed it, and every step taken about it, in order")
    public IncidentCase incident(@PathParam("incidentId") String incidentId) {
        List<TimelineEntry> entries = ledger.timelineOfIncident(incidentId).stream().map(TimelineResource::entry).toList();
        return new IncidentCase(incidentId, entries.size(), entries);
    }

    @GET
    @Path("/customers/{customerId}")
    @Operation(summary = "Everything that happened to one customer's orders and to the customer, in order")
    public CustomerTimeline customer(@PathParam("customerId") String customerId) {
        List<TimelineEntry> entries = ledger.timelineOfCustomer(customerId).stream().map(TimelineResource::entry).toList();
        return new CustomerTimeline(customerId, entries.size(), entries);
    }

    @GET
    @Path("/decisions/{decisionId}")
    @Operation(summary = "One decision's case: what it was made on, the decision, and each step executing it, in order")
    public DecisionCase decision(@PathParam("decisionId") String decisionId) {
        List<TimelineEntry> entries = ledger.timelineOfDecision(decisionId).stream().map(TimelineResource::entry).toList();
        return new DecisionCase(decisionId, entries.size(), entries);
    }

    private static TimelineEntry entry(LedgerEntryEntity e) {
        return new TimelineEntry(e.sequence, e.eventTime, e.eventType, e.source, e.eventId, e.correlationId,
                e.causationId, e.data(), e.entryHash.trim());
    }
}
