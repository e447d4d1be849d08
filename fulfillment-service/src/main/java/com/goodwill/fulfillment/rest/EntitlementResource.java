package com.goodwill.fulfillment.rest;

import com.goodwill.fulfillment.persistence.Entitlement;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Tag(name = "Entitlements")
@Path("/api/customers/{customerId}/entitlements")
@Produces(MediaType.APPLICATION_JSON)
public class EntitlementResource {

    /** @param quantity upgrades for EXPRESS_UPGRADE, days for SUBSCRIPTION_EXTENSION */
    public record EntitlementView(String entitlementId, String commandId, String orderId, String customerId,
                                  String instrument, int quantity, Instant validUntil, Instant grantedAt) {
    }

    @GET
    @Operation(summary = "Entitlements a customer holds (express upgrades, subscription extensions), for other systems to honour")
    public List<EntitlementView> of(@PathParam("customerId") String customerId) {
        return Entitlement.<Entitlement>list("customerId = ?1 order by grantedAt", customerId).stream()
                .map(e -> new EntitlementView(e.entitlementId, e.commandId, e.orderId, e.customerId, e.instrument.name(),
                        e.quantity, e.validUntil, e.grantedAt)).toList();
    }
}
