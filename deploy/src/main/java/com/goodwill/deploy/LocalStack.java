package com.goodwill.deploy;

import com.goodwill.contracts.Topics;
import com.goodwill.testsupport.KafkaTopics;
import com.goodwill.testsupport.MailServer;
import com.goodwill.testsupport.PostgresServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole platform on this machine: PostgreSQL and a Kafka broker as real server processes, the
 * topics, one database per service, and the four services as separate JVMs. Closing it stops
 * everything in reverse order. The command line ({@link StackCommand}) and the end-to-end test both
 * use this class, so the test exercises exactly what a user runs.
 */
public final class LocalStack implements AutoCloseable {

    public static final int PARTITIONS = 6;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackLayout layout;
    private final PrintStream out;
    private PostgresServer postgres;
    private ChildProcess kafka;
    private MailServer mail;
    private MailInbox inbox;
    private final List<ChildProcess> services = new ArrayList<>();
    private final List<ChildProcess> simulators = new ArrayList<>();
    private final Map<String, Map<String, String>> extraEnvironment;

    private LocalStack(StackLayout layout, PrintStream out, Map<String, Map<String, String>> extraEnvironment) {
        this.layout = layout;
        this.out = out;
        this.extraEnvironment = extraEnvironment;
    }

    public static LocalStack start(StackLayout layout, PrintStream out) throws IOException, InterruptedException {
        return start(layout, out, Map.of());
    }

    /** @param extraEnvironment per service name, environment variables on top of the stack's (tests: a crash point) */
    public static LocalStack start(StackLayout layout, PrintStream out, Map<String, Map<String, String>> extraEnvironment)
            throws IOException, InterruptedException {
        LocalStack stack = new LocalStack(layout, out, extraEnvironment);
        try {
            stack.startAll();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Files.createDirectories(layout.logs());
        int leftovers = ChildProcess.killLeftovers(layout.pids(), STOP_GRACE);
        if (leftovers > 0) {
            out.printf("Stopped %d process(es) left over from a stack that did not stop cleanly.%n", leftovers);
        }
        stopOrphanedPostgres();

        long t0 = System.nanoTime();
        out.printf("Starting PostgreSQL on 127.0.0.1:%d ...%n", layout.postgresPort());
        postgres = PostgresServer.startPersistent(layout.postgresPort(), layout.dataDir().resolve("postgres"));
        for (StackLayout.ServiceSpec service : layout.services()) {
            postgres.createDatabase(service.database());
        }
        out.printf("Starting Kafka on %s ...%n", layout.kafkaBootstrap());
        kafka = KafkaBroker.start(layout);
        KafkaTopics.createMissing(layout.kafkaBootstrap(), Topics.all(), PARTITIONS);
        if (layout.hasSimulators()) {
            out.printf("Starting the payment provider and warehouse simulators on %s and %s ...%n",
                    layout.baseUrl(StackLayout.PAYMENT_PROVIDER), layout.baseUrl(StackLayout.WAREHOUSE));
            simulators.addAll(SimulatorProcesses.start(layout));
        }
        // The customers' mail: a real SMTP server on loopback, readable over IMAP, POP3 and a small web listing.
        mail = MailServer.start(layout.mail().smtp(), layout.mail().imap(), layout.mail().pop3());
        inbox = MailInbox.start(mail, layout.mail().web());
        out.printf("Mail server on 127.0.0.1: SMTP %d, IMAP %d, POP3 %d, inbox http://127.0.0.1:%d/mails%n",
                mail.smtpPort(), mail.imapPort(), mail.pop3Port(), inbox.port());
        out.printf("Starting %s ...%n", layout.services().size() == StackLayout.SERVICES.size() ? "the four services"
                : String.join(", ", layout.services().stream().map(StackLayout.ServiceSpec::name).toList()));
        services.addAll(ServiceProcesses.start(layout, mail, extraEnvironment));
        out.printf("Stack ready in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A PostgreSQL whose launcher was killed keeps running and holds the port: stop it first. */
    private void stopOrphanedPostgres() {
        Path pidFile = layout.dataDir().resolve("postgres").resolve("postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            try {
                String first = Files.readAllLines(pidFile).get(0).trim();
                ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
                    out.printf("Stopping PostgreSQL (pid %d) left over from an earlier run.%n", orphan.pid());
                    orphan.destroy();
                    orphan.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
                });
            } catch (IOException | RuntimeException e) {
                out.println("Could not check for a leftover PostgreSQL: " + e.getMessage());
            }
        }
    }

    public StackLayout layout() {
        return layout;
    }

    public List<ChildProcess> services() {
        return List.copyOf(services);
    }

    /**
     * Starts a service of this stack again with the given environment on top of the stack's, once its process has
     * ended (a test halted it) or after stopping it.
     */
    public ChildProcess restartService(String name, Map<String, String> environment) throws IOException, InterruptedException {
        for (ChildProcess service : List.copyOf(services)) {
            if (service.name().equals(name)) {
                service.stop(STOP_GRACE);
                services.remove(service);
            }
        }
        ChildProcess restarted = ServiceProcesses.restart(layout, mail, name, environment);
        services.add(restarted);
        return restarted;
    }

    /** The SMTP server fulfillment-service sends the customers' mail to. */
    public MailServer mailServer() {
        return mail;
    }

    /** Where the received mails are listed as JSON. */
    public String mailInboxUrl() {
        return "http://127.0.0.1:" + inbox.port() + "/mails";
    }

    public void printWhereEverythingIs() {
        out.println();
        out.println("Goodwill platform is up.");
        out.printf("  %-22s %s%n", "Kafka bootstrap", layout.kafkaBootstrap());
        for (StackLayout.ServiceSpec service : layout.services()) {
            out.printf("  %-22s %s  (owner postgres, service connects as %s)%n", "PostgreSQL " + service.database(),
                    layout.jdbcUrl(service.database()), service.role());
        }
        for (StackLayout.ServiceSpec service : layout.services()) {
            String base = layout.baseUrl(service.name());
            out.printf("  %-22s %s   OpenAPI UI %s/q/swagger-ui   health %s/q/health%n", service.name(), base, base, base);
        }
        if (layout.hasSimulators()) {
            out.printf("  %-22s %s  (admin: /admin/faults, /admin/executions)%n", "Payment simulator",
                    layout.baseUrl(StackLayout.PAYMENT_PROVIDER));
            out.printf("  %-22s %s  (admin: /admin/faults, /admin/orders/{id}, /admin/executions)%n", "Warehouse simulator",
                    layout.baseUrl(StackLayout.WAREHOUSE));
        }
        if (layout.servicePorts().containsKey("audit-service")) {
            out.printf("  %-22s %s/console/%n", "Ops console", layout.baseUrl("audit-service"));
            out.printf("  %-22s %s/api/timeline/orders/{orderId}%n", "Order timeline", layout.baseUrl("audit-service"));
        }
        if (mail != null) {
            out.printf("  %-22s %s   (IMAP 127.0.0.1:%d, POP3 127.0.0.1:%d; login and password = the address)%n",
                    "Customer mails", mailInboxUrl(), mail.imapPort(), mail.pop3Port());
        }
        out.printf("  %-22s %s%n", "Logs", layout.logs().toAbsolutePath());
        out.printf("  %-22s %d MB resident (Kafka, PostgreSQL, services, simulators)%n", "Memory", residentKilobytes() / 1024);
        out.println();
    }

    /** Resident memory of every process of the stack, from /proc (Linux). */
    public long residentKilobytes() {
        List<Long> pids = new ArrayList<>();
        if (kafka != null) {
            pids.add(kafka.pid());
        }
        services.forEach(s -> pids.add(s.pid()));
        simulators.forEach(s -> pids.add(s.pid()));
        if (postgres != null) {
            pids.addAll(postgres.processIds());
        }
        return pids.stream().mapToLong(LocalStack::vmRssKb).sum();
    }

    /**
     * CPU time (user + system) the stack's processes have used so far, by part: each service by name, "simulators",
     * "kafka" and "postgres" (the postmaster, its live children, and its children that have ended: backends of closed
     * connections, autovacuum workers). From the operating system's process accounting.
     */
    public Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        services.forEach(s -> times.put(s.name(), cpuTime(Stream.of(s.pid()))));
        times.put("postgres", postgres == null ? Duration.ZERO : postgres.cpuTime().orElse(Duration.ZERO));
        times.put("simulators", cpuTime(simulators.stream().map(ChildProcess::pid)));
        if (kafka != null) {
            times.put("kafka", cpuTime(Stream.of(kafka.pid())));
        }
        return times;
    }

    private static Duration cpuTime(Stream<Long> pids) {
        return pids.map(pid -> ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static long vmRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended or this is not Linux: it counts as nothing.
        }
        return 0;
    }

    /** Services first (they flush their outboxes and leave their consumer groups), then simulators, mail, Kafka, PostgreSQL. */
    @Override
    public void close() {
        services.parallelStream().forEach(s -> s.stop(STOP_GRACE));
        services.clear();
        simulators.forEach(s -> s.stop(STOP_GRACE));
        simulators.clear();
        if (inbox != null) {
            inbox.close();
            inbox = null;
        }
        if (mail != null) {
            mail.close();
            mail = null;
        }
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(30));
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
