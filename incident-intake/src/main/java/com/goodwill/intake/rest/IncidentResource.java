package com.goodwill.intake.rest;

import com.goodwill.intake.persistence.IncidentEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Path("/api/orders/{orderId}/incidents")
@Tag(name = "Incidents")
public class IncidentResource {

    public record IncidentView(String incidentId, String shipmentId, String incidentClass, String severity,
                               String source, Long delayHours, Instant detectedAt) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The incidents opened for one order")
    public List<IncidentView> incidents(@PathParam("orderId") String orderId) {
        return IncidentEntity.<IncidentEntity>list("orderId = ?1 order by detectedAt", orderId).stream()
                .map(i -> new IncidentView(i.incidentId, i.shipmentId, i.incidentClass.name(), i.severity.name(),
                        i.source.name(), i.delayHours, i.detectedAt))
                .toList();
    }
}
