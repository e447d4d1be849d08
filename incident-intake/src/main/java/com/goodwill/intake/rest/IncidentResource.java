package com.goodwill.intake.rest;

import com.goodwill.contracts.incident.Incident;
import com.goodwill.intake.persistence.IncidentEntity;
import com.goodwill.intake.persistence.OrderEntity;
import com.goodwill.intake.tracking.IncidentBook;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    @GET
    @Path("/orders/{orderId}/incidents")
    @Operation(summary = "The incidents of one order, as they stand now, oldest first")
    public List<Incident> ofOrder(@PathParam("orderId") String orderId) {
        OrderEntity order = OrderEntity.findById(orderId);
        if (order == null) {
            throw ProblemException.notFound("order " + orderId);
        }
        return IncidentEntity.<IncidentEntity>list("orderId = ?1 order by detectedAt, incidentId", orderId).stream()
                .map(i -> IncidentBook.snapshot(order, i))
                .toList();
    }

    @GET
    @Path("/incidents/{incidentId}")
    @Operation(summary = "One incident as it stands now, with its evidence")
    public Incident one(@PathParam("incidentId") String incidentId) {
        IncidentEntity incident = IncidentEntity.findById(incidentId);
        if (incident == null) {
            throw ProblemException.notFound("incident " + incidentId);
        }
        return IncidentBook.snapshot(incident.orderId == null ? null : OrderEntity.findById(incident.orderId), incident);
    }
}
