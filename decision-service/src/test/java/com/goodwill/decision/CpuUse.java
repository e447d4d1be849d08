package com.goodwill.decision;

import com.goodwill.testsupport.PostgresServer;
import com.goodwill.testsupport.ProcessStat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time spent by the benchmark's three parts between two snapshots: the test JVM's threads split into the Kafka
 * broker's (it runs inside the test JVM) and everything else (the service, its Kafka clients, GC and JIT), and the
 * PostgreSQL server (its postmaster and every backend, also those that ended meanwhile). On a shared machine the wall
 * clock says little; CPU time per decision says what a decision costs.
 */
final class CpuUse {

    /** Threads of the in-JVM broker (KafkaClusterTestKit): request handlers, network, raft, coordinators, reapers. */
    private static final Pattern BROKER_THREAD = Pattern.compile("data-plane-kafka.*|kafka-scheduler.*|group-coordinator.*"
            + "|kafka-\\d+-.*|controller-\\d+-.*|broker-\\d+-.*|quorum-controller.*|ExpirationReaper.*|kafka-log-cleaner.*"
            + "|share-.*|transaction-log-manager.*|TxnMarkerSenderThread.*|executor-(Fetch|group-coordinator)"
            + "|persister-.*|client-metrics-reaper|raft-.*|kafka-cluster-test-kit.*|LogDirFailureHandler|executor-.*Reaper.*");

    private final long processNanos;
    private final Map<Long, Long> brokerThreadNanos;
    /** The PostgreSQL server's CPU so far, its ended backends and workers included; null when /proc cannot tell. */
    private final Duration postgres;
    /** Clock ticks per JVM thread (by thread id), with the thread's OS name (15 characters at most). */
    private final Map<String, Long> threadTicks;
    private final Map<String, String> threadNames;

    private CpuUse(long processNanos, Map<Long, Long> brokerThreadNanos, Duration postgres, Map<String, Long> threadTicks,
                   Map<String, String> threadNames) {
        this.processNanos = processNanos;
        this.brokerThreadNanos = brokerThreadNanos;
        this.postgres = postgres;
        this.threadTicks = threadTicks;
        this.threadNames = threadNames;
    }

    /** @param postgresBackendPid any backend of the server (its parent is the postmaster) */
    static CpuUse now(long postgresBackendPid) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> broker = new HashMap<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info != null && BROKER_THREAD.matcher(info.getThreadName()).matches()) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    broker.put(info.getThreadId(), cpu);
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                // A thread that ended while listing reads as empty.
                ProcessStat.read(task.resolve("stat")).ifPresent(thread -> {
                    String tid = task.getFileName().toString();
                    ticks.put(tid, thread.ownTicks());
                    names.put(tid, thread.name());
                });
            }
        } catch (IOException e) {
            // no /proc: no per-thread figures
        }
        Duration postgres = ProcessStat.of(postgresBackendPid)
                .flatMap(backend -> PostgresServer.cpuTimeOfServer(backend.ppid())).orElse(null);
        return new CpuUse(process, broker, postgres, ticks, names);
    }

    /**
     * CPU seconds since {@code before} of the JVM's JIT compiler threads and of its garbage collector (GC workers, the
     * VM thread): what a fresh JVM pays while it compiles its hot path, and what a running service pays for garbage.
     */
    double[] jitAndGcSecondsSince(CpuUse before) {
        long jit = 0;
        long gc = 0;
        for (Map.Entry<String, Long> thread : threadTicks.entrySet()) {
            long delta = thread.getValue() - before.threadTicks.getOrDefault(thread.getKey(), 0L);
            String name = threadNames.get(thread.getKey());
            if (name.matches("C\\d CompilerThre.*")) {
                jit += delta;
            } else if (name.matches("GC Thread.*|G1 .*|VM Thread")) {
                gc += delta;
            }
        }
        return new double[]{jit / 100.0, gc / 100.0};
    }

    /**
     * The JVM's threads that took most CPU since {@code before}, grouped by OS thread name with digits dropped (JIT
     * compiler and GC threads included, which the JVM's own thread list leaves out), as "name seconds" pairs.
     */
    String busiestThreadsSince(CpuUse before, int top) {
        Map<String, Long> byGroup = new HashMap<>();
        for (Map.Entry<String, Long> thread : threadTicks.entrySet()) {
            long delta = thread.getValue() - before.threadTicks.getOrDefault(thread.getKey(), 0L);
            byGroup.merge(threadNames.get(thread.getKey()).replaceAll("\\d+", "N"), delta, Long::sum);
        }
        StringBuilder out = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(g -> out.append(String.format("%s%s %.1f s", out.isEmpty() ? "" : ", ", g.getKey(), g.getValue() / 100.0)));
        return out.toString();
    }

    /** CPU seconds since {@code before}: JVM without broker, broker, PostgreSQL (-1 when /proc cannot tell). */
    double[] secondsSince(CpuUse before) {
        long brokerNanos = 0;
        for (Map.Entry<Long, Long> thread : brokerThreadNanos.entrySet()) {
            brokerNanos += thread.getValue() - before.brokerThreadNanos.getOrDefault(thread.getKey(), 0L);
        }
        double jvm = (processNanos - before.processNanos) / 1e9;
        double broker = brokerNanos / 1e9;
        double server = postgres == null || before.postgres == null ? -1 : postgres.minus(before.postgres).toNanos() / 1e9;
        return new double[]{jvm - broker, broker, server};
    }
}
