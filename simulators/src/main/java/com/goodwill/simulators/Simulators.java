package com.goodwill.simulators;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one simulator as its own process: {@code java -cp ... com.goodwill.simulators.Simulators payment|warehouse PORT}.
 * Prints {@code <name> listening on <url>} once it answers; stops on SIGTERM.
 */
public final class Simulators {

    private Simulators() {
    }

    public static SimulatorServer start(String kind, int port) throws IOException {
        return switch (kind) {
            case "payment" -> new PaymentProviderSimulator(port);
            case "warehouse" -> new WarehouseSimulator(port);
            default -> throw new IllegalArgumentException("unknown simulator " + kind + " (payment or warehouse)");
        };
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Simulators payment|warehouse PORT");
            System.exit(2);
        }
        SimulatorServer server = start(args[0], Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-stop"));
        System.out.println(server.name() + " listening on " + server.baseUrl());
        stopped.await();
    }
}
