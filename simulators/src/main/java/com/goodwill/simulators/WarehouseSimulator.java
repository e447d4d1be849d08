package com.goodwill.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A warehouse with logistics. It knows what each order contained ({@code PUT /admin/orders/{orderId}} with
 * {@code {"skus":[...]}}; an order it was not told about holds one {@value #DEFAULT_SKU}).
 * <ul>
 *   <li>{@code GET /orders/{orderId}/replacement-availability}: {@code {"available", "skus", "missing"}}</li>
 *   <li>{@code POST /replacements} with an {@code Idempotency-Key} and {@code {"orderId", "serviceLevel"}}
 *       (STANDARD or EXPRESS): 201 {@code {"shipmentId", "carrier", "trackingNumber", "estimatedDeliveryAt"}},
 *       or 409 {@code {"outOfStock":[...]}} (not kept for the key: stock may arrive)</li>
 * </ul>
 */
public final class WarehouseSimulator extends SimulatorServer {

    public static final String DEFAULT_SKU = "SKU-DEFAULT";

    private final Map<String, List<String>> orders = new ConcurrentHashMap<>();

    public WarehouseSimulator(int port) throws IOException {
        super("warehouse", port);
    }

    @Override
    protected Answer handle(String method, String path, String key, String body) throws IOException {
        if (method.equals("GET") && path.startsWith("/orders/") && path.endsWith("/replacement-availability")) {
            String orderId = path.substring("/orders/".length(), path.length() - "/replacement-availability".length());
            return Answer.ok(JSON.writeValueAsString(availability(orderId)));
        }
        if (method.equals("POST") && path.equals("/replacements")) {
            requireKey(key);
            JsonNode request = JSON.readTree(body);
            String orderId = request.path("orderId").asText("");
            String level = request.path("serviceLevel").asText("STANDARD");
            if (orderId.isBlank() || !(level.equals("STANDARD") || level.equals("EXPRESS"))) {
                return problem(422, "a replacement needs orderId and serviceLevel STANDARD or EXPRESS");
            }
            return once(key, () -> ship(orderId, level));
        }
        return problem(404, "no operation " + method + " " + path);
    }

    private ObjectNode availability(String orderId) {
        List<String> skus = skus(orderId);
        List<String> missing = skus.stream().filter(faults()::outOfStock).toList();
        ObjectNode node = JSON.createObjectNode();
        node.put("orderId", orderId);
        node.put("available", missing.isEmpty());
        ArrayNode all = node.putArray("skus");
        skus.forEach(all::add);
        ArrayNode out = node.putArray("missing");
        missing.forEach(out::add);
        return node;
    }

    private Answer ship(String orderId, String level) {
        try {
            ObjectNode stock = availability(orderId);
            if (!stock.path("available").asBoolean()) {
                ObjectNode refusal = JSON.createObjectNode();
                refusal.put("status", 409);
                refusal.put("detail", "out of stock");
                refusal.set("outOfStock", stock.path("missing"));
                return new Answer(409, JSON.writeValueAsString(refusal));
            }
            boolean express = level.equals("EXPRESS");
            ObjectNode answer = JSON.createObjectNode();
            answer.put("shipmentId", "shp_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            answer.put("orderId", orderId);
            answer.put("serviceLevel", level);
            answer.put("carrier", express ? "UPS" : "DHL");
            answer.put("trackingNumber", (express ? "1Z" : "JD") + String.format("%012d",
                    ThreadLocalRandom.current().nextLong(1_000_000_000_000L)));
            answer.put("estimatedDeliveryAt", Instant.now().plus(express ? 1 : 3, ChronoUnit.DAYS)
                    .truncatedTo(ChronoUnit.SECONDS).toString());
            return new Answer(201, JSON.writeValueAsString(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> skus(String orderId) {
        return orders.getOrDefault(orderId, List.of(DEFAULT_SKU));
    }

    public void registerOrder(String orderId, List<String> skus) {
        orders.put(orderId, List.copyOf(skus));
    }

    @Override
    protected Answer handleAdmin(String method, String path, String body) throws IOException {
        if (method.equals("PUT") && path.startsWith("/admin/orders/")) {
            String orderId = path.substring("/admin/orders/".length());
            List<String> skus = new ArrayList<>();
            JSON.readTree(body).path("skus").forEach(s -> skus.add(s.asText()));
            if (skus.isEmpty()) {
                return problem(400, "skus: at least one");
            }
            registerOrder(orderId, skus);
            return Answer.ok(JSON.writeValueAsString(availability(orderId)));
        }
        return null;
    }

    @Override
    protected void resetState() {
        orders.clear();
    }
}
