package com.goodwill.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment provider: {@code POST /refunds} with an {@code Idempotency-Key} and
 * {@code {"orderId", "customerId", "amountMinor", "currency", "reason"}} refunds to the order's original payment
 * method and answers 201 {@code {"refundId", "status":"ACCEPTED", ...}}; the same key answers the same refund.
 */
public final class PaymentProviderSimulator extends SimulatorServer {

    public PaymentProviderSimulator(int port) throws IOException {
        super("payment-provider", port);
    }

    @Override
    protected Answer handle(String method, String path, String key, String body) throws IOException {
        if (!(method.equals("POST") && path.equals("/refunds"))) {
            return problem(404, "no operation " + method + " " + path);
        }
        requireKey(key);
        JsonNode request = JSON.readTree(body);
        long amount = request.path("amountMinor").asLong(-1);
        String currency = request.path("currency").asText("");
        String orderId = request.path("orderId").asText("");
        if (amount <= 0 || !currency.matches("[A-Z]{3}") || orderId.isBlank()) {
            return problem(422, "a refund needs orderId, a positive amountMinor and an ISO currency");
        }
        return once(key, () -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("refundId", "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
            answer.put("status", "ACCEPTED");
            answer.put("orderId", orderId);
            answer.put("amountMinor", amount);
            answer.put("currency", currency);
            answer.put("paymentMethod", "original");
            answer.put("acceptedAt", Instant.now().toString());
            try {
                return new Answer(201, JSON.writeValueAsString(answer));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
