package com.goodwill.fulfillment.rest;

import com.goodwill.fulfillment.persistence.StoreCreditEntry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/customers/{customerId}/store-credit")
@Tag(name = "Store credit")
@Produces(MediaType.APPLICATION_JSON)
public class StoreCreditResource {

    public record Booking(String entryId, String commandId, long amountMinor, String currency, Instant bookedAt) {
    }

    /** The balance per currency is derived from the bookings, never stored. */
    public record StoreCreditAccount(String customerId, Map<String, Long> balanceMinorByCurrency, List<Booking> bookings) {
    }

    @GET
    @Operation(summary = "A customer's store-credit balance and bookings")
    public StoreCreditAccount account(@PathParam("customerId") String customerId) {
        List<StoreCreditEntry> entries = StoreCreditEntry.list("customerId = ?1 order by bookedAt", customerId);
        Map<String, Long> balance = new TreeMap<>();
        entries.forEach(e -> balance.merge(e.currency, e.amountMinor, Long::sum));
        return new StoreCreditAccount(customerId, balance, entries.stream()
                .map(e -> new Booking(e.entryId, e.commandId, e.amountMinor, e.currency, e.bookedAt)).toList());
    }
}
