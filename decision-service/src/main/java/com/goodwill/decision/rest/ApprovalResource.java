package com.goodwill.decision.rest;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.persistence.DecisionEntity;
import com.goodwill.decision.persistence.DecisionEntity.ReviewState;
import com.goodwill.decision.policy.Tier;
import com.goodwill.decision.service.DecisionRecords;
import com.goodwill.decision.service.PolicyService;
import com.goodwill.decision.service.ReviewService;
import com.goodwill.kit.problem.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The approval queue: decisions pending approval, and what a reviewer does with one. Each action answers the
 * decision as it stands afterwards and is announced as {@code com.goodwill.decision.reviewed.v1}.
 */
@Path("/api/approvals")
@Tag(name = "Approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private final ReviewService reviews;
    private final PolicyService policies;
    private final Clock clock;
    private final BudgetLedger budgets;

    public ApprovalResource(ReviewService reviews, PolicyService policies, Clock clock, BudgetLedger budgets) {
        this.reviews = reviews;
        this.policies = policies;
        this.clock = clock;
        this.budgets = budgets;
    }

    /**
     * A decision waiting for review, with what a reviewer needs to decide: the proposal and its price tag, the
     * alternatives (and how long the customer may choose one once approved; an adjustment offers none), why it waits
     * (amount, risk factors, budget) and by when.
     */
    public record PendingDecision(String decisionId, String incidentId, String orderId, String customerId, String market,
                                  String channel, String tier, String requiredRole, List<Remedy> remedies, Money priceTag,
                                  List<Remedy> alternatives, Integer choiceHours, List<Remedy> timeoutFallback,
                                  String onTimeout,
                                  String escalateTo, String reasonCode, String narrative, List<String> reviewReasons,
                                  String segment, RiskAssessment risk, String experiment, String arm, String budgetId,
                                  boolean budgetOverrun, String policyVersion, Instant pendingSince, Instant dueAt) {

        static PendingDecision of(DecisionEntity d) {
            return new PendingDecision(d.decisionId, d.incidentId, d.orderId, d.customerId, d.market, d.channel, d.tier,
                    d.requiredRole, DecisionRecords.grants(d.grantsJson).stream().map(g -> g.remedy()).toList(),
                    Money.of(d.goodwillMinor, d.currency), DecisionRecords.remedies(d.alternativesJson), d.choiceHours,
                    DecisionRecords.grants(d.timeoutFallbackJson).stream().map(g -> g.remedy()).toList(), d.onTimeout,
                    d.escalateTo, d.reasonCode, d.narrative, DecisionRecords.strings(d.reviewReasonsJson), d.segment,
                    DecisionRecords.risk(d), d.experiment, d.arm, d.budgetId, d.budgetOverrun, d.policyVersion,
                    d.pendingSince, d.reviewDueAt);
        }
    }

    public record ApproveRequest(@NotBlank @Size(max = 128) String actor, @NotBlank @Size(max = 64) String role,
                                 @Size(max = 2000) String note) {
    }

    public record AdjustRequest(@NotBlank @Size(max = 128) String actor, @NotBlank @Size(max = 64) String role,
                                @NotBlank @Size(max = 2000) String note, @NotNull Instrument instrument,
                                @Valid Money amount) {
    }

    public record RejectRequest(@NotBlank @Size(max = 128) String actor, @NotBlank @Size(max = 64) String role,
                                @NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Decisions pending approval, the longest waiting first; filter by tier, market, the role that "
            + "may act on them, and minutes waited")
    public List<PendingDecision> pending(@QueryParam("tier") String tier, @QueryParam("market") String market,
                                         @QueryParam("role") String role,
                                         @QueryParam("olderThanMinutes") Integer olderThanMinutes) {
        StringBuilder query = new StringBuilder("reviewState = :state");
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("state", ReviewState.PENDING));
        if (tier != null) {
            try {
                Tier.valueOf(tier);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("tier", "must be one of SUPERVISOR, MANAGER");
            }
            query.append(" and tier = :tier");
            parameters.put("tier", tier);
        }
        if (market != null) {
            if (!market.matches("[A-Z]{2}")) {
                throw ProblemException.badRequest("market", "must be an ISO-3166 alpha-2 market");
            }
            query.append(" and market = :market");
            parameters.put("market", market);
        }
        if (olderThanMinutes != null) {
            if (olderThanMinutes < 0) {
                throw ProblemException.badRequest("olderThanMinutes", "must not be negative");
            }
            query.append(" and pendingSince <= :since");
            parameters.put("since", clock.instant().minus(Duration.ofMinutes(olderThanMinutes)));
        }
        query.append(" order by pendingSince, decisionId");
        List<PendingDecision> found = new ArrayList<>();
        for (DecisionEntity d : DecisionEntity.<DecisionEntity>list(query.toString(), parameters)) {
            if (role == null || policies.document(d.policyVersion).map(p -> p.approvals().mayAct(role, d.requiredRole))
                    .orElse(false)) {
                found.add(PendingDecision.of(d));
            }
        }
        return found;
    }

    @POST
    @Path("/{decisionId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the proposal as it is (a case note where the policy requires one)")
    public DecisionView approve(@PathParam("decisionId") String decisionId, @Valid @NotNull ApproveRequest request) {
        return DecisionView.of(reviews.approve(decisionId, request.actor(), request.role(), request.note()), budgets);
    }

    @POST
    @Path("/{decisionId}/adjust")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant another instrument or amount instead, with a mandatory note")
    public DecisionView adjust(@PathParam("decisionId") String decisionId, @Valid @NotNull AdjustRequest request) {
        return DecisionView.of(reviews.adjust(decisionId, request.actor(), request.role(), request.note(),
                request.instrument(), request.amount()), budgets);
    }

    @POST
    @Path("/{decisionId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject the proposal with a mandatory reason; the budget reservation is released")
    public DecisionView reject(@PathParam("decisionId") String decisionId, @Valid @NotNull RejectRequest request) {
        return DecisionView.of(reviews.reject(decisionId, request.actor(), request.role(), request.reason()), budgets);
    }
}
