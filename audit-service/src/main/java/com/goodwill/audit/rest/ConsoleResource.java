package com.goodwill.audit.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * The ops console (static page under {@code /console/}) is served by audit-service, the platform's read side. It
 * calls decision-service itself for approvals and budgets (decision-service allows the console's origin through
 * CORS), so the page only needs to be told where decision-service is.
 */
@Path("/")
public class ConsoleResource {

    /** What the console page needs to know at start. */
    public record ConsoleConfig(String decisionServiceUrl) {
    }

    private final String decisionServiceUrl;

    public ConsoleResource(@ConfigProperty(name = "goodwill.console.decision-service-url") String decisionServiceUrl) {
        this.decisionServiceUrl = decisionServiceUrl;
    }

    @GET
    @Path("api/console/config")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the ops console finds decision-service (approvals, budgets)")
    public ConsoleConfig config() {
        return new ConsoleConfig(decisionServiceUrl);
    }

    /** A person who opens the service's address wants the console. */
    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}
