package com.goodwill.fulfillment.rest;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.fulfillment.execution.Amounts;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.CustomerChoice;
import com.goodwill.fulfillment.service.CommandExecutions;
import com.goodwill.kit.problem.ProblemException;
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

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The customer's choice among a command's alternatives, the link in the customer's message
 * ({@code goodwill.fulfilment.public-base-url}{@code /api/choices/{commandId}?option=INSTRUMENT}). GET shows what the
 * choice means and asks to confirm; POST records it once and executes the chosen remedy instead of the command's own.
 */
@Path("/api/choices/{commandId}")
@Tag(name = "Customer choice")
public class ChoiceResource {

    private final CommandExecutions executions;

    public ChoiceResource(CommandExecutions executions) {
        this.executions = executions;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A small confirmation page for choosing an alternative remedy")
    public Response page(@PathParam("commandId") String commandId, @QueryParam("option") String option) {
        CommandEntity row = command(commandId);
        CompensationRequested command = CommandExecutions.command(row);
        Remedy chosen = offered(command, option);
        String instead = describe(new Remedy(command.instrument(), command.amount()));
        if (!executions.awaitsChoice(row)) {
            CustomerChoice earlier = CustomerChoice.findById(commandId);
            String done = earlier == null ? instead
                    : describe(new Remedy(earlier.instrument, Money.of(earlier.amountMinor, earlier.currency)));
            return Response.status(409).type(MediaType.TEXT_HTML).entity(html("Your choice can no longer be changed",
                    "<p>" + (earlier == null ? "We have already carried out " : "You have already chosen ")
                            + escape(done) + " for your order " + escape(row.orderId) + ".</p>")).build();
        }
        return Response.ok(html("Choose " + describe(chosen) + "?",
                "<p>For your order " + escape(row.orderId) + " we offered " + escape(instead) + ". You can have "
                        + "<strong>" + escape(describe(chosen)) + "</strong> instead.</p>"
                        + "<form method=\"post\" action=\"/api/choices/" + escape(commandId) + "?option="
                        + escape(chosen.instrument().name()) + "\"><button type=\"submit\">Yes, I choose "
                        + escape(describe(chosen)) + "</button></form>"), MediaType.TEXT_HTML).build();
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Record the customer's choice (once) and execute it instead; 400 for an option not offered, "
            + "409 once the command was executed")
    public Response choose(@PathParam("commandId") String commandId, @QueryParam("option") String option) {
        CompensationRequested command = CommandExecutions.command(command(commandId));
        Remedy chosen = offered(command, option);
        executions.choose(commandId, chosen);
        return Response.ok(html("Thank you", "<p>We are carrying out your choice: <strong>"
                + escape(describe(chosen)) + "</strong>.</p>"), MediaType.TEXT_HTML).build();
    }

    private static CommandEntity command(String commandId) {
        CommandEntity row = CommandEntity.findById(commandId);
        if (row == null) {
            throw ProblemException.notFound("No command " + commandId);
        }
        return row;
    }

    private static Remedy offered(CompensationRequested command, String option) {
        if (option == null || option.isBlank()) {
            throw ProblemException.badRequest("option", "is required");
        }
        Instrument instrument;
        try {
            instrument = Instrument.valueOf(option.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("option", "must be one of " + Arrays.toString(Instrument.values()));
        }
        return (command.alternatives() == null ? java.util.List.<Remedy>of() : command.alternatives()).stream()
                .filter(r -> r.instrument() == instrument).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("option", instrument + " was not offered; offered: "
                        + (command.alternatives() == null ? "" : command.alternatives().stream()
                        .map(r -> r.instrument().name()).collect(Collectors.joining(", ")))));
    }

    private static String describe(Remedy remedy) {
        String what = remedy.instrument().name().toLowerCase().replace('_', ' ');
        return remedy.amount() == null || remedy.amount().amountMinor() == 0 ? what
                : what + " of " + Amounts.format(remedy.amount());
    }

    private static String html(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
