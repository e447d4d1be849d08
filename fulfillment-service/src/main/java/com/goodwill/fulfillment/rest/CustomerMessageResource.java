package com.goodwill.fulfillment.rest;

import com.goodwill.fulfillment.notification.Contact;
import com.goodwill.fulfillment.persistence.ContactBook;
import com.goodwill.fulfillment.persistence.CustomerMessageEntity;
import com.goodwill.fulfillment.persistence.MailOutbox;
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

/** What the customer of an order was told, or is waiting to be told, and why not yet. Neither address nor text. */
@Path("/api/customer-messages")
@Tag(name = "Customer messages")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerMessageResource {

    private final MailOutbox mailOutbox;
    private final ContactBook contacts;

    public CustomerMessageResource(MailOutbox mailOutbox, ContactBook contacts) {
        this.mailOutbox = mailOutbox;
        this.contacts = contacts;
    }

    /** Whether an order's customer can be reached, without the address itself. */
    public record ContactView(String orderId, String customerId, boolean hasEmail, String language, String market,
                              Instant promisedDeliveryBy) {

        static ContactView of(Contact c) {
            return new ContactView(c.orderId(), c.customerId(), c.reachable(), c.language(), c.market(),
                    c.promisedDeliveryBy());
        }
    }

    public record MessageView(String messageId, String commandId, String orderId, String kind, String status,
                              String template, String language, int attempts, String lastError, Instant createdAt,
                              Instant nextAttemptAt, Instant sentAt) {

        static MessageView of(CustomerMessageEntity m) {
            return new MessageView(m.messageId, m.commandId, m.orderId, m.kind, m.status, m.template, m.language,
                    m.attempts, m.lastError, m.createdAt, m.nextAttemptAt, m.sentAt);
        }
    }

    @GET
    @Operation(summary = "Messages to the customer of one order: PENDING, SENT, NO_CONTACT (waiting for an address) or FAILED")
    public List<MessageView> byOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.badRequest("orderId", "is required");
        }
        return mailOutbox.forOrder(orderId).stream().map(MessageView::of).toList();
    }

    @GET
    @Path("/contacts/{orderId}")
    @Operation(summary = "Whether the order's customer can be reached, in which language (never the address)")
    public ContactView contact(@PathParam("orderId") String orderId) {
        return contacts.find(orderId).map(ContactView::of)
                .orElseThrow(() -> ProblemException.notFound("No contact recorded for order " + orderId));
    }
}
