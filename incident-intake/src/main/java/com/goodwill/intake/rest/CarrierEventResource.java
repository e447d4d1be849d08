package com.goodwill.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.intake.carrier.CarrierFormat;
import com.goodwill.intake.carrier.CarrierFormats;
import com.goodwill.intake.input.RejectedInputs;
import com.goodwill.intake.messaging.InputPublisher;
import com.goodwill.kit.problem.Problem;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/carrier-events")
@Tag(name = "Carrier events")
public class CarrierEventResource {

    public record Format(String name, String description) {
    }

    private final BatchIngestion ingestion;
    private final InputPublisher publisher;
    private final RejectedInputs rejections;

    public CarrierEventResource(BatchIngestion ingestion, InputPublisher publisher, RejectedInputs rejections) {
        this.ingestion = ingestion;
        this.publisher = publisher;
        this.rejections = rejections;
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

    @POST
    @Path("/{format}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest tracking payloads in a carrier's own shape",
            description = "format: dhl (Shipment Tracking - Unified response), ups (Tracking API v1 response), aftership "
                    + "(webhook or tracking object) or canonical. One payload or a JSON array of payloads; each is mapped "
                    + "onto the canonical taxonomy, keeping the carrier's raw code and text. The report says per payload "
                    + "which events it held or why it was rejected. An unknown format is a 404 naming the known ones.")
    public Response ingest(@PathParam("format") String format, JsonNode body) {
        CarrierFormat carrierFormat = CarrierFormats.byName(format).orElseThrow(() -> {
            rejections.count("rest", RejectedInputs.Reason.UNKNOWN_FORMAT);
            return new ProblemException(404, "Unknown carrier format", "No carrier format '" + format
                    + "'; known formats: " + String.join(", ", CarrierFormats.names()),
                    List.of(new Problem.FieldError("format", "must be one of " + CarrierFormats.names())));
        });
        return ingestion.ingest(body, carrierFormat::adapt, CarrierEvent::eventId, publisher::publish);
    }

    @GET
    @Path("/formats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The carrier payload shapes this service reads")
    public List<Format> formats() {
        return CarrierFormats.names().stream()
                .map(name -> new Format(name, CarrierFormats.byName(name).orElseThrow().description()))
                .toList();
    }
}
