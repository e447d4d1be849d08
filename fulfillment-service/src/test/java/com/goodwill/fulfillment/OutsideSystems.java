package com.goodwill.fulfillment;

import com.goodwill.simulators.PaymentProviderSimulator;
import com.goodwill.simulators.WarehouseSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The payment provider and warehouse simulators, started once per test JVM on free ports inside it. The service
 * reaches them over HTTP only, through the URLs handed over here as configuration; tests read their counters.
 */
@QuarkusTestResource(value = OutsideSystems.class, restrictToAnnotatedClass = false)
public final class OutsideSystems implements QuarkusTestResourceLifecycleManager {

    private static PaymentProviderSimulator payments;
    private static WarehouseSimulator warehouse;

    public static synchronized PaymentProviderSimulator payments() {
        startOnce();
        return payments;
    }

    public static synchronized WarehouseSimulator warehouse() {
        startOnce();
        return warehouse;
    }

    private static synchronized void startOnce() {
        if (payments == null) {
            try {
                payments = new PaymentProviderSimulator(0);
                warehouse = new WarehouseSimulator(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                payments.close();
                warehouse.close();
            }, "stop-simulators"));
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("goodwill.fulfilment.payment-provider-url", payments().baseUrl(),
                "goodwill.fulfilment.warehouse-url", warehouse().baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }
}
