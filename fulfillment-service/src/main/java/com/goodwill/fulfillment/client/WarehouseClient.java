package com.goodwill.fulfillment.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** The warehouse's HTTP API (base URL: {@code quarkus.rest-client.warehouse.url}). */
@RegisterRestClient(configKey = "warehouse")
@Path("/")
public interface WarehouseClient {

    record AvailabilityAnswer(String orderId, boolean available, List<String> skus, List<String> missing) {
    }

    record ReplacementRequest(String orderId, String serviceLevel) {
    }

    record ShipmentAnswer(String shipmentId, String orderId, String serviceLevel, String carrier, String trackingNumber,
                          Instant estimatedDeliveryAt) {
    }

    @GET
    @Path("/orders/{orderId}/replacement-availability")
    AvailabilityAnswer availability(@PathParam("orderId") String orderId);

    @POST
    @Path("/replacements")
    ShipmentAnswer ship(@HeaderParam("Idempotency-Key") String idempotencyKey, ReplacementRequest request);
}
