package com.goodwill.fulfillment.rest;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import com.goodwill.fulfillment.notification.Contact;
import com.goodwill.fulfillment.notification.MessageRenderer;
import com.goodwill.fulfillment.notification.Wording;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.ContactBook;
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
 * The pages speak the customer's language, as the messages do.
 */
@Path("/api/choices/{commandId}")
@Tag(name = "Customer choice")
public class ChoiceResource {

    private final CommandExecutions executions;
    private final MessageRenderer renderer;
    private final ContactBook contacts;

    public ChoiceResource(CommandExecutions executions, MessageRenderer renderer, ContactBook contacts) {
        this.executions = executions;
        this.renderer = renderer;
        this.contacts = contacts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A small confirmation page for choosing an alternative remedy, in the customer's language")
    public Response page(@PathParam("commandId") String commandId, @QueryParam("option") String option) {
        CommandEntity row = command(commandId);
        CompensationRequested command = CommandExecutions.command(row);
        Remedy chosen = offered(command, option);
        Wording words = wordingOf(row);
        if (!executions.awaitsChoice(row)) {
            return closed(row, command, words);
        }
        String offer = words.offer(chosen.instrument(), chosen.amount());
        return Response.ok(html(words, words.phrase("choice.page.title", offer),
                "<p>" + escape(words.phrase("choice.page.offered", row.orderId,
                        words.offer(command.instrument(), command.amount()), offer)) + "</p>"
                        + "<form method=\"post\" action=\"/api/choices/" + escape(commandId) + "?option="
                        + escape(chosen.instrument().name()) + "\"><button type=\"submit\">"
                        + escape(words.phrase("choice.page.confirm", offer)) + "</button></form>"),
                MediaType.TEXT_HTML).build();
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Record the customer's choice (once) and execute it instead; 400 for an option not offered, "
            + "409 once the command was executed")
    public Response choose(@PathParam("commandId") String commandId, @QueryParam("option") String option) {
        CommandEntity row = command(commandId);
        Remedy chosen = offered(CommandExecutions.command(row), option);
        executions.choose(commandId, chosen);
        Wording words = wordingOf(row);
        return Response.ok(html(words, words.phrase("choice.done.title"), "<p>" + escape(words.phrase("choice.done.text",
                words.offer(chosen.instrument(), chosen.amount()))) + "</p>"), MediaType.TEXT_HTML).build();
    }

    /** 409 with a page saying what was done or chosen before. */
    private static Response closed(CommandEntity row, CompensationRequested command, Wording words) {
        CustomerChoice earlier = CustomerChoice.findById(row.commandId);
        String text = earlier == null
                ? words.phrase("choice.closed.executed", words.offer(command.instrument(), command.amount()), row.orderId)
                : words.phrase("choice.closed.chosen",
                words.offer(earlier.instrument, Money.of(earlier.amountMinor, earlier.currency)), row.orderId);
        return Response.status(409).type(MediaType.TEXT_HTML)
                .entity(html(words, words.phrase("choice.closed.title"), "<p>" + escape(text) + "</p>")).build();
    }

    /** The language the customer's messages are written in (the order's contact), else the default. */
    private Wording wordingOf(CommandEntity row) {
        return renderer.wordingFor(contacts.find(row.orderId).map(Contact::language).orElse(null));
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

    private static String html(Wording words, String title, String body) {
        return "<!doctype html><html lang=\"" + words.language() + "\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
