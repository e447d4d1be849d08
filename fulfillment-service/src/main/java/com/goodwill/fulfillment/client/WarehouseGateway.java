package com.goodwill.fulfillment.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.fulfillment.execution.OutsideSystemRefusal;
import com.goodwill.fulfillment.execution.Warehouse;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse behind its port, with the same retry, timeout and circuit-breaker rules as the payment provider, for
 * each of its calls (each call has a circuit breaker of its own).
 */
@ApplicationScoped
@Retry(maxRetries = 5, delay = 100, jitter = 80, maxDuration = 30_000, abortOn = OutsideSystemRefusal.class)
@ExponentialBackoff(factor = 2, maxDelay = 3_000)
@Timeout(3_000)
@CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 3_000, successThreshold = 3,
        skipOn = OutsideSystemRefusal.class)
public class WarehouseGateway implements Warehouse {

    private final WarehouseClient client;

    public WarehouseGateway(@RestClient WarehouseClient client) {
        this.client = client;
    }

    @Override
    public Availability replacementAvailability(String orderId) {
        try {
            WarehouseClient.AvailabilityAnswer answer = client.availability(orderId);
            return new Availability(answer.available(), answer.missing() == null ? List.of() : answer.missing());
        } catch (RuntimeException e) {
            throw OutsideFailures.translate("warehouse", e);
        }
    }

    @Override
    public ShipmentReceipt shipReplacement(String orderId, ServiceLevel level, String idempotencyKey) {
        try {
            WarehouseClient.ShipmentAnswer answer = client.ship(idempotencyKey,
                    new WarehouseClient.ReplacementRequest(orderId, level.name()));
            return new ShipmentReceipt(answer.shipmentId(), answer.carrier(), answer.trackingNumber(),
                    answer.estimatedDeliveryAt(), List.of());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                // Out of stock is an answer, not a failure: the plan moves on to the next remedy.
                return new ShipmentReceipt(null, null, null, null, missing(OutsideFailures.body(e)));
            }
            throw OutsideFailures.translate("warehouse", e);
        } catch (RuntimeException e) {
            throw OutsideFailures.translate("warehouse", e);
        }
    }

    private static List<String> missing(String body) {
        List<String> skus = new ArrayList<>();
        try {
            JsonNode node = EventCodec.mapper().readTree(body);
            node.path("outOfStock").forEach(s -> skus.add(s.asText()));
        } catch (Exception e) {
            // An unreadable refusal still means out of stock.
        }
        return skus.isEmpty() ? List.of("unknown") : skus;
    }
}
