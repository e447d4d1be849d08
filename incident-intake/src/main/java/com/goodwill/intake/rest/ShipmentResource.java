package com.goodwill.intake.rest;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.incident.Incident;
import com.goodwill.intake.persistence.DetectionTimerEntity;
import com.goodwill.intake.persistence.IncidentEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.intake.persistence.TrackingEventEntity;
import com.goodwill.intake.tracking.IncidentBook;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One shipment's state and everything that happened to it, for ops and customer care. */
@Path("/api/shipments")
@Tag(name = "Shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentResource {

    public record ShipmentView(String shipmentId, String orderId, String carrier, String trackingNumber, String serviceLevel,
                               String originCountry, String destinationCountry, TrackingStatus status,
                               Instant promisedDeliveryBy, Instant shippedAt, Instant firstScanAt, Instant lastScanAt,
                               Instant expectedDeliveryAt, Instant deliveredAt, List<Milestone> milestones,
                               List<TrackingEventView> history, List<PendingCheck> pendingChecks, List<Incident> incidents) {
    }

    public record Milestone(TrackingStatus status, Instant reachedAt) {
    }

    /** A carrier event as received, with the carrier's own code and words beside the canonical status. */
    public record TrackingEventView(String eventKey, TrackingStatus status, Instant occurredAt, String location,
                                    Instant revisedEta, String rawCode, String rawText, String cloudEventId,
                                    Instant receivedAt) {
    }

    public record PendingCheck(DetectionTimerEntity.Kind kind, Instant dueAt) {
    }

    @GET
    @Path("/{shipmentId}")
    @Operation(summary = "One shipment: state, milestones, carrier history, pending timer checks and incidents")
    public ShipmentView one(@PathParam("shipmentId") String shipmentId) {
        ShipmentEntity shipment = ShipmentEntity.findById(shipmentId);
        if (shipment == null) {
            throw ProblemException.notFound("shipment " + shipmentId);
        }
        return view(shipment);
    }

    @GET
    @Operation(summary = "Find a shipment by carrier and tracking number")
    public ShipmentView byTracking(@QueryParam("carrier") String carrier, @QueryParam("trackingNumber") String trackingNumber) {
        if (carrier == null || carrier.isBlank()) {
            throw ProblemException.badRequest("carrier", "is required");
        }
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw ProblemException.badRequest("trackingNumber", "is required");
        }
        return ShipmentEntity.byTracking(carrier, trackingNumber).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("shipment with " + carrier + " tracking number " + trackingNumber));
    }

    private ShipmentView view(ShipmentEntity s) {
        OrderEntity order = OrderEntity.findById(s.orderId);
        List<TrackingEventView> history = TrackingEventEntity.<TrackingEventEntity>list(
                        "shipmentId = ?1 order by occurredAt, receivedAt", s.shipmentId).stream()
                .map(e -> new TrackingEventView(e.eventKey, e.status, e.occurredAt, e.location, e.revisedEta, e.rawCode,
                        e.rawText, e.cloudEventId, e.receivedAt))
                .toList();
        List<PendingCheck> checks = DetectionTimerEntity.<DetectionTimerEntity>list("shipmentId = ?1 order by dueAt", s.shipmentId)
                .stream().map(t -> new PendingCheck(t.kind, t.dueAt)).toList();
        List<Incident> incidents = IncidentEntity.<IncidentEntity>list("shipmentId = ?1 order by detectedAt", s.shipmentId)
                .stream().map(i -> IncidentBook.snapshot(order, i)).toList();
        // When each status was first reached, whatever order the carrier's events came in.
        Map<TrackingStatus, Instant> firstReached = new EnumMap<>(TrackingStatus.class);
        history.forEach(e -> firstReached.merge(e.status(), e.occurredAt(), (a, b) -> a.isBefore(b) ? a : b));
        List<Milestone> milestones = firstReached.entrySet().stream()
                .map(m -> new Milestone(m.getKey(), m.getValue()))
                .sorted(java.util.Comparator.comparing(Milestone::reachedAt)).toList();
        return new ShipmentView(s.shipmentId, s.orderId, s.carrier, s.trackingNumber, s.serviceLevel, s.originCountry,
                s.destinationCountry, s.status, order.promisedDeliveryBy, s.shippedAt, s.firstScanAt, s.lastScanAt,
                s.expectedDeliveryAt, s.deliveredAt, milestones, history, checks, incidents);
    }
}
