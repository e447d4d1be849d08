package com.goodwill.fulfillment.rest;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.CommandStep;
import com.goodwill.fulfillment.service.CommandExecutions;
import com.goodwill.kit.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@Path("/api/commands")
@Tag(name = "Compensation commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    private static final int MAX_LIMIT = 1000;

    private final CommandExecutions executions;

    public CommandResource(CommandExecutions executions) {
        this.executions = executions;
    }

    public record StepView(int seq, String status, String instrument, String reference, String detail, Instant recordedAt) {

        static StepView of(CommandStep s) {
            return new StepView(s.seq, s.status.name(), s.instrument.name(), s.reference, s.detail, s.recordedAt);
        }
    }

    /**
     * @param executedInstrument what was finally executed (differs from {@code instrument} after a fallback or a choice)
     * @param choiceUntil        until when the customer may choose an alternative; null when no choice is offered
     * @param steps              every step so far, oldest first (only on the single command)
     */
    public record CommandView(String commandId, String decisionId, String orderId, String customerId, String instrument,
                              long amountMinor, String currency, String status, String reference, String detail,
                              int attempt, String executedInstrument, Long executedAmountMinor,
                              Instant receivedAt, Instant choiceUntil, Instant completedAt, List<StepView> steps) {

        static CommandView of(CommandEntity c, List<StepView> steps) {
            return new CommandView(c.commandId, c.decisionId, c.orderId, c.customerId, c.instrument.name(),
                    c.amountMinor, c.currency, c.status.name(), c.reference, c.detail, c.attempt,
                    c.executedInstrument == null ? null : c.executedInstrument.name(), c.executedAmountMinor,
                    c.receivedAt, c.choiceUntil, c.completedAt, steps);
        }
    }

    @GET
    @Operation(summary = "Commands by order, customer, status or instrument (at least one of orderId, customerId, status)")
    public List<CommandView> list(@QueryParam("orderId") String orderId, @QueryParam("customerId") String customerId,
                                  @QueryParam("status") String status, @QueryParam("instrument") String instrument,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        if (blank(orderId) && blank(customerId) && blank(status)) {
            throw ProblemException.badRequest("orderId", "is required unless customerId or status is given");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (!blank(orderId)) {
            where.add("orderId = :orderId");
            parameters.and("orderId", orderId);
        }
        if (!blank(customerId)) {
            where.add("customerId = :customerId");
            parameters.and("customerId", customerId);
        }
        if (!blank(status)) {
            where.add("status = :status");
            parameters.and("status", parse(FulfilmentStatus.class, "status", status));
        }
        if (!blank(instrument)) {
            where.add("instrument = :instrument");
            parameters.and("instrument", parse(com.goodwill.contracts.decision.Instrument.class, "instrument", instrument));
        }
        return CommandEntity.<CommandEntity>find(String.join(" and ", where) + " order by receivedAt", parameters)
                .page(0, limit).list().stream().map(c -> CommandView.of(c, null)).toList();
    }

    @GET
    @Path("/{commandId}")
    @Operation(summary = "One command, where its execution stands, and every step so far")
    public CommandView one(@PathParam("commandId") String commandId) {
        CommandEntity command = CommandEntity.findById(commandId);
        if (command == null) {
            throw ProblemException.notFound("No command " + commandId);
        }
        return CommandView.of(command, CommandStep.of(commandId).stream().map(StepView::of).toList());
    }

    @POST
    @Path("/{commandId}/retry")
    @Operation(summary = "Retry a FAILED command (same remedies, same idempotency keys); 409 for any other state")
    public Response retry(@PathParam("commandId") String commandId) {
        CommandEntity row = executions.retry(commandId);
        return Response.accepted(one(row.commandId)).build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
