package com.goodwill.fulfillment.rest;

import com.goodwill.fulfillment.persistence.CommandEntity;
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

@Path("/api/commands")
@Tag(name = "Compensation commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    public record CommandView(String commandId, String decisionId, String orderId, String customerId, String instrument,
                              long amountMinor, String currency, String status, String reference, String detail,
                              Instant receivedAt, Instant completedAt) {

        static CommandView of(CommandEntity c) {
            return new CommandView(c.commandId, c.decisionId, c.orderId, c.customerId, c.instrument.name(),
                    c.amountMinor, c.currency, c.status.name(), c.reference, c.detail, c.receivedAt, c.completedAt);
        }
    }

    @GET
    @Operation(summary = "Commands for one order, with their execution state")
    public List<CommandView> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.badRequest("orderId", "is required");
        }
        return CommandEntity.<CommandEntity>list("orderId = ?1 order by receivedAt", orderId).stream()
                .map(CommandView::of).toList();
    }

    @GET
    @Path("/{commandId}")
    @Operation(summary = "One command and where its execution stands")
    public CommandView one(@PathParam("commandId") String commandId) {
        CommandEntity command = CommandEntity.findById(commandId);
        if (command == null) {
            throw ProblemException.notFound("No command " + commandId);
        }
        return CommandView.of(command);
    }
}
