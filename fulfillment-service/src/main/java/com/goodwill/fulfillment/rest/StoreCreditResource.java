package com.goodwill.fulfillment.rest;

import com.goodwill.contracts.Money;
import com.goodwill.fulfillment.persistence.LedgerEntry;
import com.goodwill.fulfillment.persistence.LedgerTransaction;
import com.goodwill.fulfillment.service.StoreCreditLedger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api/customers/{customerId}/store-credit")
@Tag(name = "Store credit")
@Produces(MediaType.APPLICATION_JSON)
public class StoreCreditResource {

    private final StoreCreditLedger ledger;
    private final Clock clock;

    public StoreCreditResource(StoreCreditLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A grant or a redemption; {@code entryId} is the ledger transaction's id (the reference of a fulfilment result). */
    public record Booking(String entryId, String kind, String commandId, String orderId, long amountMinor, String currency,
                          Instant expiresAt, Instant bookedAt) {
    }

    public record Entry(long entryId, String transactionId, String account, String direction, long amountMinor,
                        String currency, Instant bookedAt) {
    }

    /** The balance per currency is derived from the entries, never stored; expired credit no longer counts. */
    public record StoreCreditAccount(String customerId, Map<String, Long> balanceMinorByCurrency, List<Booking> bookings,
                                     List<Entry> entries) {
    }

    public record Redemption(@NotBlank String orderId, @NotNull @Valid Money amount) {
    }

    @GET
    @Operation(summary = "A customer's store-credit balance, its transactions and their double entries")
    public StoreCreditAccount account(@PathParam("customerId") String customerId) {
        List<LedgerTransaction> transactions = ledger.transactions(customerId);
        List<LedgerEntry> entries = ledger.entries(customerId);
        return new StoreCreditAccount(customerId, ledger.balance(customerId, clock.instant()),
                transactions.stream().map(t -> new Booking(t.transactionId, t.kind, t.commandId, t.orderId,
                        t.amountMinor, t.currency, t.expiresAt, t.bookedAt)).toList(),
                entries.stream().map(e -> new Entry(e.entryId, e.transactionId, e.account, e.direction, e.amountMinor,
                        e.currency, e.bookedAt)).toList());
    }

    @POST
    @Path("/redemptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay part of an order with store credit (once per order); 409 when the balance does not cover it")
    public Response redeem(@PathParam("customerId") String customerId, @Valid @NotNull Redemption redemption) {
        LedgerTransaction tx = ledger.redeem(customerId, redemption.orderId(), redemption.amount());
        return Response.status(201).entity(new Booking(tx.transactionId, tx.kind, tx.commandId, tx.orderId, tx.amountMinor,
                tx.currency, tx.expiresAt, tx.bookedAt)).build();
    }
}
