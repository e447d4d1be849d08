package com.goodwill.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outside systems fulfillment-service calls (payment provider, warehouse), each a simulator in its own JVM
 * (module {@code simulators}), started before the services when the layout has a port for them.
 */
final class SimulatorProcesses {

    /** Simulator name in the layout's ports, and the kind the simulators' main takes. */
    static final Map<String, String> SIMULATORS = Map.of(
            StackLayout.PAYMENT_PROVIDER, "payment",
            StackLayout.WAREHOUSE, "warehouse");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private SimulatorProcesses() {
    }

    static List<ChildProcess> start(StackLayout layout) throws IOException, InterruptedException {
        List<ChildProcess> started = new ArrayList<>();
        for (String name : List.of(StackLayout.PAYMENT_PROVIDER, StackLayout.WAREHOUSE)) {
            Integer port = layout.servicePorts().get(name);
            if (port == null) {
                continue;
            }
            started.add(ChildProcess.start(name, List.of(Java.executable(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
                            "-cp", Java.classpath(), "com.goodwill.simulators.Simulators", SIMULATORS.get(name),
                            Integer.toString(port)),
                    Map.of(), layout.logs().resolve(name + ".log"), layout.pids()));
        }
        for (ChildProcess simulator : started) {
            awaitReady(simulator, layout.baseUrl(simulator.name()) + "/admin/faults");
        }
        return started;
    }

    private static void awaitReady(ChildProcess simulator, String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!simulator.isAlive()) {
                throw new IllegalStateException(simulator.name() + " stopped while starting:\n" + simulator.logTail(20));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(simulator.name() + " did not answer within " + READY_TIMEOUT.toSeconds() + " s");
    }
}
