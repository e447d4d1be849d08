package com.goodwill.decision.rest;

import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.kit.problem.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/decisions")
@Tag(name = "Decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final BudgetLedger budgets;

    public DecisionResource(BudgetLedger budgets) {
        this.budgets = budgets;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Decisions for one order, oldest first")
    public List<DecisionView> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.badRequest("orderId", "is required");
        }
        return DecisionEntity.<DecisionEntity>list("orderId = ?1 order by decidedAt, incidentRevision", orderId).stream()
                .map(DecisionView::of).toList();
    }

    @GET
    @Path("/{decisionId}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One decision in full: remedies, alternatives, risk factors, budget, review history")
    public DecisionView one(@PathParam("decisionId") String decisionId) {
        DecisionEntity decision = DecisionEntity.findById(decisionId);
        if (decision == null) {
            throw ProblemException.notFound("No decision " + decisionId);
        }
        return DecisionView.of(decision, budgets);
    }
}
