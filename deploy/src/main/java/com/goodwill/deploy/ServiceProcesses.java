package com.goodwill.deploy;

import com.goodwill.testsupport.MailServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the packaged services of the layout as separate JVMs and waits until each reports ready. */
final class ServiceProcesses {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private ServiceProcesses() {
    }

    /**
     * @param mail             the stack's SMTP server, which fulfillment-service sends the customers' mail to
     * @param extraEnvironment per service name, environment variables on top of the stack's (e.g. a crash point)
     */
    static List<ChildProcess> start(StackLayout layout, MailServer mail, Map<String, Map<String, String>> extraEnvironment)
            throws IOException, InterruptedException {
        for (StackLayout.ServiceSpec service : layout.services()) {
            Path jar = layout.serviceJar(service.name());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No packaged " + service.name() + " at " + jar
                        + ". Build first: ./mvnw -B -ntp install -DskipTests (./stack run does it for you).");
            }
        }
        List<ChildProcess> started = new ArrayList<>();
        for (StackLayout.ServiceSpec service : layout.services()) {
            started.add(launch(layout, mail, service, extraEnvironment.getOrDefault(service.name(), Map.of())));
        }
        try {
            for (ChildProcess service : started) {
                awaitReady(service, layout.baseUrl(service.name()) + "/q/health/ready");
            }
        } catch (InterruptedException | RuntimeException e) {
            // The caller never gets the list, so it cannot stop them: a service that did not get ready stops them all.
            started.parallelStream().forEach(s -> s.stop(Duration.ofSeconds(20)));
            throw e;
        }
        return started;
    }

    /**
     * Where the services send their spans. With an OTLP/HTTP collector named (system property
     * {@value #OTEL_ENDPOINT_PROPERTY}, or the standard environment variable OTEL_EXPORTER_OTLP_ENDPOINT), every trace
     * is sampled and exported there (OTEL_TRACES_SAMPLER_ARG may lower the share); without one nothing is sampled, so
     * no service tries to export to a collector that is not there. Trace ids travel and are logged either way.
     */
    static Map<String, String> tracing() {
        String endpoint = System.getProperty(OTEL_ENDPOINT_PROPERTY, System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.0");
        }
        String ratio = System.getenv().getOrDefault("OTEL_TRACES_SAMPLER_ARG", "1.0");
        return Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
                "QUARKUS_OTEL_TRACES_SAMPLER_ARG", ratio,
                // Spans leave in small batches soon after they end: a person watching a trace need not wait.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
    }

    static final String OTEL_ENDPOINT_PROPERTY = "goodwill.otel.endpoint";

    /** Starts one service again (after it stopped or was stopped) and waits until it is ready. */
    static ChildProcess restart(StackLayout layout, MailServer mail, String name, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        StackLayout.ServiceSpec service = layout.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this stack"));
        ChildProcess process = launch(layout, mail, service, extraEnvironment);
        awaitReady(process, layout.baseUrl(name) + "/q/health/ready");
        return process;
    }

    private static ChildProcess launch(StackLayout layout, MailServer mail, StackLayout.ServiceSpec service,
                                       Map<String, String> extraEnvironment) throws IOException {
        Map<String, String> environment = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", layout.kafkaBootstrap(),
                "QUARKUS_DATASOURCE_JDBC_URL", layout.jdbcUrl(service.database()),
                // The stack's databases belong to the superuser, so Flyway migrates as it; each service
                // connects as the role its own configuration names (audit-service: its insert-only role).
                "QUARKUS_FLYWAY_USERNAME", "postgres",
                "QUARKUS_FLYWAY_PASSWORD", "postgres",
                "QUARKUS_HTTP_PORT", Integer.toString(layout.servicePorts().get(service.name()))));
        if (layout.servicePorts().containsKey("decision-service")) {
            // The ops console, served by audit-service, calls decision-service from the browser.
            environment.put("GOODWILL_CONSOLE_DECISION_SERVICE_URL", layout.baseUrl("decision-service"));
        }
        if (service.name().equals("fulfillment-service") && layout.hasSimulators()) {
            // fulfillment-service reaches the outside systems over HTTP only; the stack tells it where they are.
            environment.put("GOODWILL_FULFILMENT_PAYMENT_PROVIDER_URL", layout.baseUrl(StackLayout.PAYMENT_PROVIDER));
            environment.put("GOODWILL_FULFILMENT_WAREHOUSE_URL", layout.baseUrl(StackLayout.WAREHOUSE));
        }
        if (service.name().equals("fulfillment-service")) {
            environment.put("QUARKUS_MAILER_HOST", mail.host());
            environment.put("QUARKUS_MAILER_PORT", Integer.toString(mail.smtpPort()));
            // Links in the mails (the customer's choice of an alternative) point at this stack's service.
            environment.put("GOODWILL_FULFILMENT_PUBLIC_BASE_URL", layout.baseUrl(service.name()));
        }
        environment.putAll(tracing());
        environment.putAll(extraEnvironment);
        List<String> command = new ArrayList<>(List.of(Java.executable()));
        command.addAll(heap(service.name()));
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(extraJvmOptions(service.name()));
        command.addAll(List.of("-jar", layout.serviceJar(service.name()).toString()));
        return ChildProcess.start(service.name(), command, environment, layout.logs().resolve(service.name() + ".log"),
                layout.pids());
    }

    /**
     * The heap of a service's JVM. fulfillment-service allocates a few hundred KB per command it executes (JSON, JDBC,
     * the REST client): with the 256 MB of the others its young generation was collected about three times a second
     * under load (6 % of the time in pauses); a 256 MB young generation makes that a tenth as often.
     */
    private static List<String> heap(String service) {
        return service.equals("fulfillment-service") ? List.of("-Xms512m", "-Xmx512m", "-Xmn256m")
                : List.of("-Xms64m", "-Xmx256m");
    }

    /**
     * JVM options for one service on top of the stack's, from the environment variable
     * {@code GOODWILL_JVM_OPTIONS_<SERVICE>} (e.g. {@code GOODWILL_JVM_OPTIONS_FULFILLMENT_SERVICE}), split at blanks:
     * for profiling a service in the stack or a benchmark, e.g. {@code -XX:StartFlightRecording=filename=/tmp/f.jfr}.
     * A later option wins, so heap or GC flags given here replace the stack's.
     */
    static List<String> extraJvmOptions(String service) {
        String options = System.getenv("GOODWILL_JVM_OPTIONS_" + service.toUpperCase().replace('-', '_'));
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static void awaitReady(ChildProcess service, String healthUrl) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " stopped while starting; last log lines:\n"
                        + service.logTail(40));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (" + last + "); last log lines:\n" + service.logTail(40));
    }
}
