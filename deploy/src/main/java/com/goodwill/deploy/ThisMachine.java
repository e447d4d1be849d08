package com.goodwill.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the throw-away stacks (the benchmarks, the end-to-end tests) need of the machine they run on: a free port for
 * each part, their directory removed at the end, and the load average every printed figure goes with (two cores are
 * shared with whatever else runs, so a figure means little without it).
 */
final class ThisMachine {

    private ThisMachine() {
    }

    /** The 1, 5 and 15 minute load averages as uptime prints them, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The CPU time this JVM (a benchmark's driver: its producer, its polling) has used so far, kept apart from the stack's. */
    static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** A loopback port free at this moment (the part started on it binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Removes a directory and everything in it; says so on standard error when something could not be removed. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + root + ": " + e.getMessage());
        }
    }
}
