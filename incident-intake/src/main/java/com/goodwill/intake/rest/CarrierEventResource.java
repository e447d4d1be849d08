package com.goodwill.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.intake.messaging.InputPublisher;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/carrier-events")
@Tag(name = "Carrier events")
public class CarrierEventResource {

    private final BatchIngestion ingestion;
    private final InputPublisher publisher;

    public CarrierEventResource(BatchIngestion ingestion, InputPublisher publisher) {
        this.ingestion = ingestion;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest carrier tracking events (canonical format)",
            description = "One carrier event or a JSON array of them. Answers 202 with a per-item report; "
                    + "400 with a problem body naming each bad field.")
    public Response ingest(JsonNode body) {
        return ingestion.ingest(body, CarrierEvent.class, CarrierEvent::eventId, publisher::publish);
    }
}
