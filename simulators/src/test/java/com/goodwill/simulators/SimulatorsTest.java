package com.goodwill.simulators;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PaymentProviderSimulator payments;
    private static WarehouseSimulator warehouse;

    @BeforeAll
    static void start() throws Exception {
        payments = new PaymentProviderSimulator(0);
        warehouse = new WarehouseSimulator(0);
    }

    @AfterAll
    static void stop() {
        payments.close();
        warehouse.close();
    }

    @BeforeEach
    void reset() {
        payments.reset();
        warehouse.reset();
    }

    @Test
    void sameKeyGetsTheSameRefundAndIsExecutedOnceEvenConcurrently() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(HTTP.sendAsync(refund("key-1", 1240), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> bodies = calls.stream().map(CompletableFuture::join).map(r -> {
            assertThat(r.statusCode()).isEqualTo(201);
            return r.body();
        }).distinct().toList();

        assertThat(bodies).hasSize(1);
        assertThat(payments.executions("key-1")).isEqualTo(1);
        assertThat(payments.totalExecutions()).isEqualTo(1);
        assertThat(payments.totalRequests()).isEqualTo(20);
    }

    @Test
    void aLostAnswerHasExecutedAndTheRetryGetsTheKeptAnswer() throws Exception {
        payments.setFaults(new Faults(0, 0, 1.0, 0, 0, false, Set.of()));
        HttpResponse<String> lost = HTTP.send(refund("key-2", 500), HttpResponse.BodyHandlers.ofString());
        assertThat(lost.statusCode()).isEqualTo(500);
        assertThat(payments.executions("key-2")).isEqualTo(1);

        payments.setFaults(Faults.NONE);
        HttpResponse<String> retry = HTTP.send(refund("key-2", 500), HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(payments.executions("key-2")).isEqualTo(1);
    }

    @Test
    void unavailableExecutesNothing() throws Exception {
        payments.setFaults(new Faults(0, 1.0, 0, 0, 0, false, Set.of()));
        assertThat(HTTP.send(refund("key-3", 500), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(payments.executions("key-3")).isZero();
    }

    @Test
    void outOfStockIsRefusedAndNotKeptSoStockArrivingLaterShips() throws Exception {
        warehouse.registerOrder("o-1", List.of("SKU-1", "SKU-2"));
        warehouse.setFaults(new Faults(0, 0, 0, 0, 0, false, Set.of("SKU-2")));
        HttpResponse<String> availability = HTTP.send(HttpRequest.newBuilder(
                URI.create(warehouse.baseUrl() + "/orders/o-1/replacement-availability")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(availability.body()).contains("\"available\":false").contains("\"missing\":[\"SKU-2\"]");
        assertThat(HTTP.send(ship("ship-1"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(409);
        assertThat(warehouse.executions("ship-1")).isZero();

        warehouse.setFaults(Faults.NONE);
        HttpResponse<String> shipped = HTTP.send(ship("ship-1"), HttpResponse.BodyHandlers.ofString());
        assertThat(shipped.statusCode()).isEqualTo(201);
        assertThat(shipped.body()).contains("trackingNumber");
        assertThat(warehouse.executions("ship-1")).isEqualTo(1);
    }

    @Test
    void faultsAndCountersAreReachableOverTheAdminApi() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(payments.baseUrl() + "/admin/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":5,\"errorRate\":0.5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(payments.faults().latencyMs()).isEqualTo(5);
        assertThat(payments.faults().errorRate()).isEqualTo(0.5);
        payments.setFaults(Faults.NONE);
        HTTP.send(refund("key-4", 100), HttpResponse.BodyHandlers.ofString());
        String counters = HTTP.send(HttpRequest.newBuilder(URI.create(payments.baseUrl() + "/admin/executions/key-4"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(counters).contains("\"executions\":1");
    }

    private static HttpRequest refund(String key, long amount) {
        return HttpRequest.newBuilder(URI.create(payments.baseUrl() + "/refunds"))
                .header(SimulatorServer.IDEMPOTENCY_KEY, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amountMinor\":" + amount + ",\"currency\":\"EUR\"}"))
                .build();
    }

    private static HttpRequest ship(String key) {
        return HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/replacements"))
                .header(SimulatorServer.IDEMPOTENCY_KEY, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"o-1\",\"serviceLevel\":\"EXPRESS\"}")).build();
    }
}
