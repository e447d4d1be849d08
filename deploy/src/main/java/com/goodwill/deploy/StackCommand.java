package com.goodwill.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code ./stack} command: {@code run [--demo] [--clean]}, {@code stop}, {@code clean}, {@code bench},
 * {@code bench-ledger}, {@code bench-fulfilment}, {@code bench-decision}, {@code replay <file>} (order and carrier
 * events into incident-intake) and {@code tail} (the public goodwill stream, readably).
 * Data lives under {@code $GOODWILL_HOME} (default {@code ./var}); the benchmark uses a temporary directory.
 */
public final class StackCommand {

    private StackCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of(System.getProperty("goodwill.repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Optional.ofNullable(System.getenv("GOODWILL_HOME")).map(Path::of)
                .orElse(repoRoot.resolve("var")).toAbsolutePath();
        StackLayout layout = StackLayout.fixedPorts(repoRoot, dataDir);
        List<String> arguments = List.of(args);
        String verb = arguments.isEmpty() ? "run" : arguments.get(0);
        int exit = switch (verb) {
            case "run" -> run(layout, arguments.contains("--demo"), arguments.contains("--clean"));
            case "stop" -> stop(layout);
            case "clean" -> clean(layout);
            case "bench" -> bench(repoRoot, arguments.subList(1, arguments.size()));
            case "bench-ledger" -> benchLedger(repoRoot, arguments.subList(1, arguments.size()));
            case "replay" -> Replay.main(layout, arguments.subList(1, arguments.size()), System.out);
            case "tail" -> PublicStreamTail.main(layout, arguments.subList(1, arguments.size()), System.out);
            case "bench-fulfilment" -> benchFulfilment(repoRoot, arguments.subList(1, arguments.size()));
            case "bench-decision" -> benchDecision(repoRoot, arguments.subList(1, arguments.size()));
            default -> {
                System.err.println("usage: ./stack run [--demo] [--clean] | stop | clean | bench [--orders N] [--events N] [--rate R]"
                        + " | bench-ledger [--appends N] [--batch B[,B...]] [--single N] [--entries N] [--profile N] [--warmup N]"
                        + " | bench-fulfilment [--commands N]"
                        + " | bench-decision [--incidents N] [--warmup N] [--rate R[,R...]] [--paced N]"
                        + " | replay <file.jsonl> [--rate N/s] [--suffix S] [--keep-times] [--url U]"
                        + " | tail [--from-beginning] [--type T] [--order ID] [--max N] [--timeout S] [--bootstrap B]");
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int run(StackLayout layout, boolean demo, boolean clean) throws Exception {
        Optional<ProcessHandle> running = runningLauncher(layout);
        if (running.isPresent()) {
            System.err.printf("A stack is already running (pid %d). Stop it with ./stack stop.%n", running.get().pid());
            return 1;
        }
        if (clean) {
            wipe(layout.dataDir());
        }
        Files.createDirectories(layout.dataDir());
        Path pidFile = layout.dataDir().resolve("stack.pid");
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));

        LocalStack stack;
        try {
            stack = LocalStack.start(layout, System.out);
        } catch (Exception e) {
            Files.deleteIfExists(pidFile);
            System.err.println("The stack did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the services, Kafka and PostgreSQL ...");
            stack.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // The next run checks whether the recorded pid is alive.
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "stack-stop"));
        stack.printWhereEverythingIs();
        if (demo) {
            try {
                DemoFeed feed = new DemoFeed(layout, System.out);
                feed.showOutcome(feed.play(20), Duration.ofSeconds(60));
            } catch (Exception e) {
                // The stack itself is fine; keep it running so the failure can be looked into.
                System.err.println("The demo feed failed: " + e.getMessage());
            }
        }
        System.out.println("Press Ctrl-C (or run ./stack stop) to stop.");
        stopped.await();
        return 0;
    }

    /** A throw-away stack on free ports: it runs beside a stack started with {@code run}. */
    private static int bench(Path repoRoot, List<String> options) {
        try {
            return IntakeBenchmark.run(repoRoot, options, System.out);
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** audit-service's ledger on a throw-away PostgreSQL: no Kafka, no services. */
    private static int benchLedger(Path repoRoot, List<String> options) {
        try {
            return LedgerBench.run(repoRoot, options);
        } catch (Exception e) {
            System.err.println("The ledger benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** fulfillment-service with the two simulators on a throw-away stack. */
    private static int benchFulfilment(Path repoRoot, List<String> options) {
        try {
            return FulfilmentBenchmark.run(repoRoot, options, System.out);
        } catch (Exception e) {
            System.err.println("The fulfilment benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** decision-service alone (with Kafka and PostgreSQL) on a throw-away stack, as it is deployed. */
    private static int benchDecision(Path repoRoot, List<String> options) {
        try {
            return DecisionStackBenchmark.run(repoRoot, options, System.out);
        } catch (Exception e) {
            System.err.println("The decision benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static int stop(StackLayout layout) throws Exception {
        Optional<ProcessHandle> running = runningLauncher(layout);
        if (running.isEmpty()) {
            int leftovers = ChildProcess.killLeftovers(layout.pids(), Duration.ofSeconds(20));
            System.out.println(leftovers == 0 ? "No stack is running." : "Stopped " + leftovers + " leftover process(es).");
            return 0;
        }
        System.out.printf("Stopping the stack (pid %d) ...%n", running.get().pid());
        running.get().destroy();
        running.get().onExit().get(90, TimeUnit.SECONDS);
        System.out.println("Stopped.");
        return 0;
    }

    private static int clean(StackLayout layout) throws IOException {
        if (runningLauncher(layout).isPresent()) {
            System.err.println("The stack is running; stop it first (./stack stop).");
            return 1;
        }
        wipe(layout.dataDir());
        System.out.println("Removed " + layout.dataDir());
        return 0;
    }

    private static Optional<ProcessHandle> runningLauncher(StackLayout layout) {
        return ChildProcess.readPid(layout.dataDir().resolve("stack.pid"))
                .filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
