package com.goodwill.fulfillment.rest;

import com.goodwill.fulfillment.execution.VoucherCodes;
import com.goodwill.fulfillment.persistence.Voucher;
import com.goodwill.fulfillment.service.Vouchers;
import com.goodwill.kit.problem.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Tag(name = "Vouchers")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class VoucherResource {

    private final Vouchers vouchers;

    public VoucherResource(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    public record VoucherView(String code, String commandId, String customerId, long valueMinor, String currency,
                              Instant issuedAt, Instant expiresAt, Instant redeemedAt, String redeemedOrderId) {

        static VoucherView of(Voucher v) {
            return new VoucherView(v.code, v.commandId, v.customerId, v.valueMinor, v.currency, v.issuedAt, v.expiresAt,
                    v.redeemedAt, v.redeemedOrderId);
        }
    }

    public record Redemption(@NotBlank String orderId) {
    }

    @GET
    @Path("/vouchers/{code}")
    @Operation(summary = "One voucher and whether it was redeemed")
    public VoucherView one(@PathParam("code") String code) {
        Voucher voucher = VoucherCodes.wellFormed(code) ? Voucher.findById(code) : null;
        if (voucher == null) {
            throw ProblemException.notFound("No voucher " + code);
        }
        return VoucherView.of(voucher);
    }

    @POST
    @Path("/vouchers/{code}/redemption")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeem a voucher on an order: once; 409 when redeemed for another order or expired")
    public VoucherView redeem(@PathParam("code") String code, @Valid @NotNull Redemption redemption) {
        if (!VoucherCodes.wellFormed(code)) {
            throw ProblemException.badRequest("code", "is not a voucher code (GW-XXXX-XXXX-XXXX-XXXX)");
        }
        return VoucherView.of(vouchers.redeem(code, redemption.orderId()));
    }

    @GET
    @Path("/customers/{customerId}/vouchers")
    @Operation(summary = "A customer's vouchers")
    public List<VoucherView> ofCustomer(@PathParam("customerId") String customerId) {
        return Voucher.<Voucher>list("customerId = ?1 order by issuedAt", customerId).stream().map(VoucherView::of).toList();
    }
}
