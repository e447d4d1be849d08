package com.goodwill.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.intake.messaging.InputPublisher;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/**
 * The reactive path: customer care or the shop reports what a customer told them (damaged, missing item,
 * wrong item, not received). Reports travel on the order topic like every order event and become incidents
 * of the same kind as the carrier's, with source CUSTOMER.
 */
@Path("/api/customer-problems")
@Tag(name = "Customer problems")
public class CustomerProblemResource {

    private final BatchIngestion ingestion;
    private final InputPublisher publisher;
    private final Clock clock;

    public CustomerProblemResource(BatchIngestion ingestion, InputPublisher publisher, Clock clock) {
        this.ingestion = ingestion;
        this.publisher = publisher;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report customer problems",
            description = "One report {eventId, orderId, shipmentId?, problem: DAMAGED|MISSING_ITEM|WRONG_ITEM|NOT_RECEIVED, "
                    + "description?, skus?, occurredAt?} or a JSON array of them. occurredAt defaults to now. Answers 202 "
                    + "with a per-item report; 400 with a problem body naming each bad field.")
    public Response report(JsonNode body) {
        String now = clock.instant().toString();
        if (body != null) {
            (body.isArray() ? body : JsonNodeFactory.instance.arrayNode().add(body))
                    .forEach(item -> {
                        if (item instanceof ObjectNode report) {
                            // The endpoint says what it is; a report need not repeat it.
                            report.put("kind", "problem-reported");
                            if (!report.hasNonNull("occurredAt")) {
                                report.put("occurredAt", now);
                            }
                        }
                    });
        }
        return ingestion.ingest(body, ProblemReported.class, ProblemReported::eventId, publisher::publish);
    }
}
