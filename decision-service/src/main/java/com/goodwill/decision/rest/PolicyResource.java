package com.goodwill.decision.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.decision.persistence.PolicyActivationEntity;
import com.goodwill.decision.persistence.PolicyVersionEntity;
import com.goodwill.decision.service.PolicyService;
import com.goodwill.kit.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * Goodwill policy versions over REST: create (validated, immutable), validate without storing, list, read,
 * activate for a market, roll a market back, and ask which version is in force for a market.
 */
@Path("/api/policies")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final String MARKET = "^([A-Z]{2}|\\*)$";

    private final PolicyService policies;

    public PolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    public record VersionSummary(String version, String contentHash, Instant createdAt, String createdBy) {
        static VersionSummary of(PolicyVersionEntity v) {
            return new VersionSummary(v.version, v.contentHash, v.createdAt, v.createdBy);
        }
    }

    public record VersionView(String version, String contentHash, Instant createdAt, String createdBy, JsonNode document) {
        static VersionView of(PolicyVersionEntity v) {
            try {
                return new VersionView(v.version, v.contentHash, v.createdAt, v.createdBy,
                        EventCodec.mapper().readTree(v.document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored policy " + v.version + " is not JSON", e);
            }
        }
    }

    public record Validation(boolean valid, String contentHash) {
    }

    public record ActivationRequest(
            @NotBlank @Pattern(regexp = MARKET, message = "must be an ISO-3166 alpha-2 market or *") String market,
            @NotBlank @Size(max = 128) String activatedBy) {
    }

    public record RollbackRequest(@NotBlank @Size(max = 128) String activatedBy) {
    }

    public record ActivationView(String market, String version, String previousVersion, String kind,
                                 Instant activatedAt, String activatedBy) {
        static ActivationView of(PolicyActivationEntity a) {
            return new ActivationView(a.market, a.version, a.previousVersion, a.kind, a.activatedAt, a.activatedBy);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an immutable policy version from a document (400 lists every error at its JSON path)")
    public Response create(@QueryParam("createdBy") String createdBy, String document, @Context UriInfo uri) {
        if (createdBy == null || createdBy.isBlank() || createdBy.length() > 128) {
            throw ProblemException.badRequest("createdBy", "is required (at most 128 characters)");
        }
        PolicyVersionEntity created = policies.create(document, createdBy);
        return Response.created(uri.getBaseUriBuilder().path("api/policies").path(created.version).build())
                .entity(VersionView.of(created)).build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a policy document without storing it")
    public Validation validate(String document) {
        PolicyService.requireValid(document);
        return new Validation(true, PolicyService.contentHash(document));
    }

    @GET
    @Operation(summary = "Every policy version, oldest first")
    public List<VersionSummary> list() {
        return PolicyVersionEntity.<PolicyVersionEntity>list("order by createdAt, version").stream()
                .map(VersionSummary::of).toList();
    }

    @GET
    @Path("/active")
    @Operation(summary = "The activation in force for a market: its own, else the default (*) one")
    public ActivationView active(@QueryParam("market") String market) {
        if (market == null || !market.matches(MARKET)) {
            throw ProblemException.badRequest("market", "must be an ISO-3166 alpha-2 market or *");
        }
        return PolicyActivationEntity.inForce(market)
                .map(ActivationView::of)
                .orElseThrow(() -> ProblemException.notFound("No policy is active for market " + market));
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One policy version with its document")
    public VersionView one(@PathParam("version") String version) {
        return PolicyVersionEntity.<PolicyVersionEntity>findByIdOptional(version).map(VersionView::of)
                .orElseThrow(() -> ProblemException.notFound("No policy version " + version));
    }

    @POST
    @Path("/{version}/activations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make the version the active one for a market; announced as com.goodwill.policy.activated.v1")
    public Response activate(@PathParam("version") String version, @Valid @NotNull ActivationRequest request) {
        PolicyActivationEntity activation = policies.activate(version, request.market(), request.activatedBy());
        return Response.status(Response.Status.CREATED).entity(ActivationView.of(activation)).build();
    }

    @POST
    @Path("/activations/{market}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore the version that was active for the market before its current one")
    public Response rollback(@PathParam("market") String market, @Valid @NotNull RollbackRequest request) {
        if (!market.matches(MARKET)) {
            throw ProblemException.badRequest("market", "must be an ISO-3166 alpha-2 market or *");
        }
        PolicyActivationEntity activation = policies.rollback(market, request.activatedBy());
        return Response.status(Response.Status.CREATED).entity(ActivationView.of(activation)).build();
    }
}
