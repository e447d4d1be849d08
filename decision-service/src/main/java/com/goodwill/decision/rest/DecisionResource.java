package com.goodwill.decision.rest;

import com.goodwill.decision.persistence.DecisionEntity;
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
import java.util.List;

@Path("/api/decisions")
@Tag(name = "Decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    public record DecisionView(String decisionId, String incidentId, String orderId, String customerId, String outcome,
                               String instrument, Long amountMinor, String currency, String tier, String policyVersion,
                               String reasonCode, String narrative, Instant decidedAt) {

        static DecisionView of(DecisionEntity d) {
            return new DecisionView(d.decisionId, d.incidentId, d.orderId, d.customerId, d.outcome.name(),
                    d.instrument == null ? null : d.instrument.name(), d.amountMinor, d.currency, d.tier,
                    d.policyVersion, d.reasonCode, d.narrative, d.decidedAt);
        }
    }

    @GET
    @Operation(summary = "Decisions for one order")
    public List<DecisionView> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.badRequest("orderId", "is required");
        }
        return DecisionEntity.<DecisionEntity>list("orderId = ?1 order by decidedAt", orderId).stream()
                .map(DecisionView::of).toList();
    }

    @GET
    @Path("/{decisionId}")
    @Operation(summary = "One decision, with its narrative and policy version")
    public DecisionView one(@PathParam("decisionId") String decisionId) {
        DecisionEntity decision = DecisionEntity.findById(decisionId);
        if (decision == null) {
            throw ProblemException.notFound("No decision " + decisionId);
        }
        return DecisionView.of(decision);
    }
}
