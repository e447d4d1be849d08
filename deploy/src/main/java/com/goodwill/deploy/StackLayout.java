package com.goodwill.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the stack lives: its data directory, its ports, and where the packaged services are.
 * The local run uses the fixed, documented ports; the end-to-end test uses free ones.
 *
 * @param repoRoot the checkout, whose {@code <service>/target/quarkus-app/quarkus-run.jar} are started
 * @param mail     the ports of the mail server that receives the customers' mail
 */
public record StackLayout(Path repoRoot, Path dataDir, int kafkaPort, int controllerPort, int postgresPort,
                          Map<String, Integer> servicePorts, MailPorts mail) {

    /**
     * The demo's mail server: SMTP for fulfillment-service, IMAP and POP3 for mail clients, and a small web listing
     * of every mail received. 0 means a free port, chosen when it starts.
     */
    public record MailPorts(int smtp, int imap, int pop3, int web) {

        public static final MailPorts FREE = new MailPorts(0, 0, 0, 0);
    }

    /** A layout whose mail server takes free ports. */
    public StackLayout(Path repoRoot, Path dataDir, int kafkaPort, int controllerPort, int postgresPort,
                       Map<String, Integer> servicePorts) {
        this(repoRoot, dataDir, kafkaPort, controllerPort, postgresPort, servicePorts, MailPorts.FREE);
    }

    /** The four services, in start order, each with its own database and the role it connects as. */
    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("incident-intake", "intake", "postgres"),
            new ServiceSpec("decision-service", "decision", "postgres"),
            new ServiceSpec("fulfillment-service", "fulfillment", "postgres"),
            new ServiceSpec("audit-service", "audit", "goodwill_audit_writer"));

    /** The outside systems' simulators: started when the layout has a port for them (module {@code simulators}). */
    public static final String PAYMENT_PROVIDER = "payment-provider";
    public static final String WAREHOUSE = "warehouse";

    /** @param role what the service connects as (its own configuration says so; the stack only reports it) */
    public record ServiceSpec(String name, String database, String role) {
    }

    public static StackLayout fixedPorts(Path repoRoot, Path dataDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("incident-intake", 8081);
        ports.put("decision-service", 8082);
        ports.put("fulfillment-service", 8083);
        ports.put("audit-service", 8084);
        ports.put(PAYMENT_PROVIDER, 8091);
        ports.put(WAREHOUSE, 8092);
        return new StackLayout(repoRoot, dataDir, 19092, 19093, 15432, ports, new MailPorts(3025, 3143, 3110, 8025));
    }

    /** The services this stack runs: those it has a port for (the benchmark runs incident-intake alone). */
    public List<ServiceSpec> services() {
        return SERVICES.stream().filter(s -> servicePorts.containsKey(s.name())).toList();
    }

    public boolean hasSimulators() {
        return servicePorts.containsKey(PAYMENT_PROVIDER) && servicePorts.containsKey(WAREHOUSE);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String baseUrl(String service) {
        return "http://127.0.0.1:" + servicePorts.get(service);
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path pids() {
        return dataDir.resolve("pids");
    }

    public Path serviceJar(String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
