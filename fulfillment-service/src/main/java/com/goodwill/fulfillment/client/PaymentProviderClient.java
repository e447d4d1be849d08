package com.goodwill.fulfillment.client;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The payment provider's HTTP API (base URL: {@code quarkus.rest-client.payment-provider.url}). */
@RegisterRestClient(configKey = "payment-provider")
@Path("/")
public interface PaymentProviderClient {

    record RefundRequest(String orderId, String customerId, long amountMinor, String currency, String reason) {
    }

    record RefundAnswer(String refundId, String status, long amountMinor, String currency) {
    }

    @POST
    @Path("/refunds")
    RefundAnswer refund(@HeaderParam("Idempotency-Key") String idempotencyKey, RefundRequest request);
}
