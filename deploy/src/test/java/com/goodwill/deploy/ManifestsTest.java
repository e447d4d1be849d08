package com.goodwill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.goodwill.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployment files in deploy/kubernetes, deploy/compose and deploy/observability against the code, without
 * a cluster and without Docker: every file parses; every Kubernetes object has the fields this platform relies on for
 * its kind (a structural check: the Kubernetes, Strimzi and CloudNativePG JSON Schemas are not available offline, so
 * this is not a full schema validation); every topic the code uses has a KafkaTopic; every service's Deployment,
 * Service and HorizontalPodAutoscaler agree with its application.properties; compose declares the same services and
 * databases; and the Grafana dashboard queries only metrics the services register.
 */
class ManifestsTest {

    private static final List<String> SERVICES =
            List.of("incident-intake", "decision-service", "fulfillment-service", "audit-service");
    private static final String NAMESPACE = "goodwill";

    /**
     * Metrics Quarkus's own Micrometer binders register (HTTP server, Kafka client), which no goodwill source names;
     * the goodwill_* metrics are found by scanning the sources.
     */
    private static final Set<String> FRAMEWORK_METRICS = Set.of(
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
            "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_consumed_total");

    /** What each kind must carry beyond apiVersion, kind and metadata.name (JSON pointers), and its apiVersion. */
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1", "Secret", "v1", "Service", "v1", "Deployment", "apps/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2", "Kafka", "kafka.strimzi.io/v1beta2",
            "KafkaNodePool", "kafka.strimzi.io/v1beta2", "KafkaTopic", "kafka.strimzi.io/v1beta2",
            "Cluster", "postgresql.cnpg.io/v1", "Database", "postgresql.cnpg.io/v1");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "Namespace", List.of(),
            "Secret", List.of("/type", "/stringData"),
            "Service", List.of("/spec/selector", "/spec/ports/0/port", "/spec/ports/0/targetPort"),
            "Deployment", List.of("/spec/selector/matchLabels", "/spec/template/metadata/labels",
                    "/spec/template/spec/containers/0/name", "/spec/template/spec/containers/0/image"),
            "HorizontalPodAutoscaler", List.of("/spec/scaleTargetRef/kind", "/spec/scaleTargetRef/name",
                    "/spec/minReplicas", "/spec/maxReplicas", "/spec/metrics/0/type"),
            "Kafka", List.of("/spec/kafka/listeners/0/name", "/spec/kafka/listeners/0/port", "/spec/kafka/config",
                    "/spec/entityOperator/topicOperator"),
            "KafkaNodePool", List.of("/metadata/labels/strimzi.io~1cluster", "/spec/replicas", "/spec/roles/0",
                    "/spec/storage/type"),
            "KafkaTopic", List.of("/metadata/labels/strimzi.io~1cluster", "/spec/topicName", "/spec/partitions",
                    "/spec/replicas"),
            "Cluster", List.of("/spec/instances", "/spec/storage/size"),
            "Database", List.of("/spec/name", "/spec/owner", "/spec/cluster/name"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static Path deploy;
    private static List<JsonNode> objects;

    @BeforeAll
    static void load() throws IOException {
        String configured = System.getProperty("goodwill.repo.root");
        root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        deploy = root.resolve("deploy");
        objects = new ArrayList<>();
        for (String resource : kustomizationResources()) {
            objects.addAll(documents(deploy.resolve("kubernetes").resolve(resource)));
        }
    }

    @Test
    void kustomizationListsEveryManifestAndEveryObjectHasWhatItsKindNeeds() throws IOException {
        try (Stream<Path> files = Files.list(deploy.resolve("kubernetes"))) {
            Set<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
            assertThat(kustomizationResources()).containsExactlyInAnyOrderElementsOf(manifests);
        }
        assertThat(objects).isNotEmpty();
        Set<String> identities = new HashSet<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String name = object.at("/metadata/name").asText();
            assertThat(name).as("metadata.name of a %s", kind).isNotBlank().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(API_VERSIONS).as("kinds this platform uses").containsKey(kind);
            assertThat(object.path("apiVersion").asText()).as("apiVersion of %s %s", kind, name)
                    .isEqualTo(API_VERSIONS.get(kind));
            if (!kind.equals("Namespace")) {
                assertThat(object.at("/metadata/namespace").asText()).as("namespace of %s %s", kind, name)
                        .isEqualTo(NAMESPACE);
            }
            for (String pointer : REQUIRED.get(kind)) {
                assertThat(object.at(pointer).isMissingNode()).as("%s %s has %s", kind, name, pointer).isFalse();
            }
            assertThat(identities.add(kind + "/" + name)).as("%s %s declared once", kind, name).isTrue();
        }
        assertThat(ofKind("Namespace")).extracting(n -> n.at("/metadata/name").asText()).containsExactly(NAMESPACE);
    }

    @Test
    void kafkaIsReplicatedThreeTimesWithTwoInSyncReplicas() {
        JsonNode kafka = single(ofKind("Kafka"));
        String cluster = kafka.at("/metadata/name").asText();
        JsonNode config = kafka.at("/spec/kafka/config");
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("offsets.topic.replication.factor").asInt()).isEqualTo(3);
        JsonNode pool = single(ofKind("KafkaNodePool"));
        assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
        assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(texts(pool.at("/spec/roles"))).containsExactlyInAnyOrder("controller", "broker");
        for (JsonNode topic : ofKind("KafkaTopic")) {
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
        }
    }

    @Test
    void everyTopicOfTheCodeHasAKafkaTopic() throws IOException {
        Map<String, JsonNode> declared = kafkaTopics();
        Set<String> used = new TreeSet<>(Topics.all());
        used.addAll(Topics.DEAD_LETTER_TOPICS);
        for (String service : SERVICES) {
            used.addAll(topicsInProperties(service, "mp.messaging.", false));
        }
        assertThat(Topics.all()).as("topics named in application.properties are in Topics.all()").containsAll(used);
        for (String topic : used) {
            assertThat(declared).as("KafkaTopic for %s", topic).containsKey(topic);
            JsonNode spec = declared.get(topic).path("spec");
            assertThat(spec.path("partitions").asInt()).as("partitions of %s", topic).isGreaterThanOrEqualTo(1);
            assertThat(spec.path("replicas").asInt()).as("replicas of %s", topic).isEqualTo(3);
            assertThat(spec.at("/config/min.insync.replicas").asInt()).as("min ISR of %s", topic).isEqualTo(2);
            assertThat(spec.at("/config/retention.ms").isMissingNode()).as("retention of %s", topic).isFalse();
        }
        assertThat(declared.keySet()).as("no KafkaTopic the code does not use").isEqualTo(used);
    }

    @Test
    void everyServiceHasADeploymentServiceAndAutoscalerMatchingItsConfiguration() throws IOException {
        Map<String, JsonNode> topics = kafkaTopics();
        Map<String, Map<String, String>> secrets = new HashMap<>();
        for (JsonNode secret : ofKind("Secret")) {
            Map<String, String> data = new HashMap<>();
            secret.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            secrets.put(secret.at("/metadata/name").asText(), data);
        }
        for (String service : SERVICES) {
            Properties properties = properties(service);
            String port = properties.getProperty("quarkus.http.port");
            assertThat(port).as("quarkus.http.port of %s", service).isNotBlank();

            JsonNode deployment = named("Deployment", service);
            deployment.at("/spec/selector/matchLabels").fields().forEachRemaining(e -> assertThat(
                    deployment.at("/spec/template/metadata/labels").path(e.getKey()).asText())
                    .as("the selector of %s matches its pods", service).isEqualTo(e.getValue().asText()));
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(container.path("image").asText()).isEqualTo("ghcr.io/goodwill/" + service + ":0.1.0");
            assertThat(container.at("/ports/0/containerPort").asText()).as("container port of %s", service).isEqualTo(port);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).as("liveness port of %s", service).isEqualTo(port);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).as("readiness port of %s", service).isEqualTo(port);
            for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                    "/resources/limits/memory")) {
                assertThat(container.at(resource).asText()).as("%s of %s", resource, service).isNotBlank();
            }
            JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(port);

            Map<String, JsonNode> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText())
                    .startsWith(single(ofKind("Kafka")).at("/metadata/name").asText() + "-kafka-bootstrap");
            String database = database(properties);
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText())
                    .matches("jdbc:postgresql://[a-z0-9.-]+-rw[a-z0-9.-]*:5432/" + database);
            assertThat(databases()).as("Database resource for %s", service).containsKey(database);
            for (Map.Entry<String, JsonNode> variable : env.entrySet()) {
                JsonNode ref = variable.getValue().at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(secrets).as("Secret of %s", variable.getKey()).containsKey(ref.path("name").asText());
                    assertThat(secrets.get(ref.path("name").asText())).as("key of %s", variable.getKey())
                            .containsKey(ref.path("key").asText());
                }
            }
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").at("/valueFrom/secretKeyRef").isMissingNode()).isFalse();
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef").isMissingNode()).isFalse();

            JsonNode kubernetesService = named("Service", service);
            assertThat(kubernetesService.at("/spec/ports/0/port").asText()).isEqualTo(port);
            assertThat(kubernetesService.at("/spec/ports/0/targetPort").asText()).isEqualTo(port);
            assertThat(kubernetesService.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo(service);

            JsonNode autoscaler = named("HorizontalPodAutoscaler", service);
            assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
            Set<String> consumed = topicsInProperties(service, "mp.messaging.incoming.", true);
            assertThat(consumed).as("topics %s consumes", service).isNotEmpty();
            int partitions = consumed.stream().mapToInt(t -> topics.get(t).at("/spec/partitions").asInt()).min().orElseThrow();
            int max = autoscaler.at("/spec/maxReplicas").asInt();
            assertThat(max).as("maxReplicas of %s: no more consumers than partitions", service)
                    .isLessThanOrEqualTo(partitions).isGreaterThanOrEqualTo(autoscaler.at("/spec/minReplicas").asInt());
        }
    }

    @Test
    void auditServiceMigratesAsTheOwnerAndConnectsAsTheWriterRole() throws IOException {
        JsonNode container = named("Deployment", "audit-service").at("/spec/template/spec/containers/0");
        Map<String, String> secretOf = new HashMap<>();
        container.path("env").forEach(e -> secretOf.put(e.path("name").asText(),
                e.at("/valueFrom/secretKeyRef/name").asText()));
        String writerSecret = secretOf.get("QUARKUS_DATASOURCE_USERNAME");
        String ownerSecret = secretOf.get("QUARKUS_FLYWAY_USERNAME");
        assertThat(ownerSecret).isNotBlank().isNotEqualTo(writerSecret);
        assertThat(secretOf.get("QUARKUS_FLYWAY_PASSWORD")).isEqualTo(ownerSecret);
        assertThat(secretOf.get("GOODWILL_AUDIT_SIGNING_PRIVATE_KEY")).isNotBlank();
        assertThat(named("Secret", writerSecret).at("/stringData/username").asText())
                .isEqualTo(properties("audit-service").getProperty("quarkus.datasource.username"));
        String owner = named("Secret", ownerSecret).at("/stringData/username").asText();
        assertThat(databases().get("audit").at("/spec/owner").asText()).isEqualTo(owner);
        JsonNode cluster = single(ofKind("Cluster"));
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        JsonNode ownerRole = null;
        for (JsonNode role : cluster.at("/spec/managed/roles")) {
            if (role.path("name").asText().equals(owner)) {
                ownerRole = role;
            }
        }
        assertThat(ownerRole).as("managed role %s", owner).isNotNull();
        assertThat(ownerRole.path("createrole").asBoolean()).as("the owner creates the writer role").isTrue();
        for (JsonNode database : databases().values()) {
            assertThat(database.at("/spec/cluster/name").asText()).isEqualTo(cluster.at("/metadata/name").asText());
        }
    }

    @Test
    void composeDeclaresTheServicesTheirDatabasesAndEveryTopic() throws IOException {
        JsonNode compose = single(documents(deploy.resolve("compose/compose.yaml")));
        JsonNode services = compose.path("services");
        String initSql = Files.readString(deploy.resolve("compose/init-databases.sql"));
        for (String service : SERVICES) {
            Properties properties = properties(service);
            String port = properties.getProperty("quarkus.http.port");
            JsonNode definition = services.path(service);
            assertThat(definition.isMissingNode()).as("compose service %s", service).isFalse();
            assertThat(definition.path("image").asText()).isEqualTo("ghcr.io/goodwill/" + service + ":0.1.0");
            assertThat(texts(definition.path("ports"))).contains(port + ":" + port);
            String database = database(properties);
            assertThat(definition.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(definition.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(initSql).contains("create database " + database + ";");
        }
        assertThat(services.at("/postgres/image").asText()).startsWith("postgres:17");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        String topicCommands = texts(services.at("/kafka-topics/command")).get(0);
        for (String topic : Topics.all()) {
            assertThat(topicCommands).as("compose creates %s", topic).contains("--topic " + topic + " ");
        }
        assertThat(services.has("prometheus")).isTrue();
        assertThat(services.has("grafana")).isTrue();
    }

    @Test
    void prometheusScrapesEveryServicesMetrics() throws IOException {
        JsonNode prometheus = single(documents(deploy.resolve("observability/prometheus.yml")));
        Map<String, JsonNode> jobs = new HashMap<>();
        prometheus.path("scrape_configs").forEach(j -> jobs.put(j.path("job_name").asText(), j));
        for (String service : SERVICES) {
            assertThat(jobs).as("scrape job for %s", service).containsKey(service);
            assertThat(jobs.get(service).path("metrics_path").asText()).isEqualTo("/q/metrics");
            assertThat(jobs.get(service).at("/static_configs/0/targets/0").asText())
                    .isEqualTo(service + ":" + properties(service).getProperty("quarkus.http.port"));
        }
        JsonNode inCluster = single(documents(deploy.resolve("observability/prometheus-kubernetes.yml")));
        assertThat(inCluster.at("/scrape_configs/0/kubernetes_sd_configs/0/role").asText()).isEqualTo("pod");
    }

    @Test
    void grafanaDashboardQueriesOnlyMetricsTheServicesRegister() throws IOException {
        JsonNode dashboard = JSON.readTree(deploy.resolve("observability/grafana-goodwill-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<String> registered = registeredMetrics();
        assertThat(registered).as("metrics found in the sources").contains("goodwill_intake_incidents_total");
        registered.addAll(FRAMEWORK_METRICS);
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as("queries of panel %s", panel.path("title")).isPositive();
            for (JsonNode target : panel.path("targets")) {
                queried.addAll(metricNames(target.path("expr").asText()));
            }
        }
        assertThat(queried).isNotEmpty();
        assertThat(registered).as("metrics the dashboard queries").containsAll(queried);
        for (JsonNode datasource : List.of(single(documents(
                deploy.resolve("observability/grafana/provisioning/datasources/prometheus.yaml"))))) {
            assertThat(datasource.at("/datasources/0/uid").asText())
                    .isEqualTo(dashboard.at("/panels/0/datasource/uid").asText());
        }
    }

    /** What the dashboard must show (issue 7): each of these metrics is queried by at least one panel. */
    private static final List<String> DASHBOARD_MUST_SHOW = List.of("goodwill_events_consumed_total",
            "goodwill_outbox_published_total", "goodwill_events_dead_lettered_total", "goodwill_intake_rejected_total",
            "goodwill_consumer_lag", "goodwill_decision_duration_seconds",
            "goodwill_compensations_total", "goodwill_budget_consumed_minor", "goodwill_budget_limit_minor",
            "goodwill_ledger_entries", "goodwill_ledger_verification_intact", "goodwill_ledger_verification_last_seconds");

    @Test
    void grafanaDashboardShowsTheEventFlowFailuresLatencyCompensationsAndBudgets() throws IOException {
        JsonNode dashboard = JSON.readTree(deploy.resolve("observability/grafana-goodwill-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s used once", panel.path("id")).isTrue();
            panel.path("targets").forEach(t -> queried.addAll(metricNames(t.path("expr").asText())));
        }
        assertThat(queried).containsAll(DASHBOARD_MUST_SHOW);
    }

    @Test
    void everyServiceExportsItsTracesToACollectorUnderItsOwnName() throws IOException {
        JsonNode compose = single(documents(deploy.resolve("compose/compose.yaml")));
        for (String service : SERVICES) {
            Map<String, String> env = new HashMap<>();
            named("Deployment", service).at("/spec/template/spec/containers/0/env")
                    .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).as("OTLP endpoint of %s", service)
                    .matches("https?://[a-z0-9.-]+:4318");
            assertThat(env.get("QUARKUS_OTEL_SERVICE_NAME")).as("service name in %s's spans", service).isEqualTo(service);
            assertThat(Double.parseDouble(env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"))).as("sampled share of %s", service)
                    .isBetween(0.0, 1.0);
            assertThat(compose.at("/services/" + service + "/environment/QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText())
                    .as("compose OTLP endpoint of %s", service).isEqualTo("http://jaeger:4318");
        }
        assertThat(compose.at("/services/jaeger/image").asText()).startsWith("jaegertracing/");
    }

    @Test
    void prometheusAlertsOnlyOnMetricsTheServicesRegisterAndBothSetupsLoadThem() throws IOException {
        JsonNode rules = single(documents(deploy.resolve("observability/prometheus-rules.yml")));
        Set<String> known = registeredMetrics();
        known.addAll(FRAMEWORK_METRICS);
        known.add("up"); // Prometheus's own, per scrape target
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).as("alert name").matches("Goodwill[A-Za-z]+");
                assertThat(alerts.add(alert)).as("alert %s declared once", alert).isTrue();
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert)
                        .isIn("warning", "critical");
                assertThat(rule.at("/annotations/summary").asText()).as("summary of %s", alert).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as("for of %s", alert).matches("[0-9]+[smh]");
                }
                Set<String> used = metricNames(rule.path("expr").asText());
                assertThat(used).as("metrics of %s", alert).isNotEmpty();
                assertThat(known).as("metrics alert %s uses", alert).containsAll(used);
            }
        }
        assertThat(alerts).contains("GoodwillDeadLetters", "GoodwillConsumerLagGrowing", "GoodwillLedgerVerificationFailed",
                "GoodwillLedgerVerificationStale");
        for (String config : List.of("observability/prometheus.yml", "observability/prometheus-kubernetes.yml")) {
            JsonNode prometheus = single(documents(deploy.resolve(config)));
            assertThat(texts(prometheus.path("rule_files"))).as("rule_files of %s", config)
                    .anyMatch(f -> f.endsWith("prometheus-rules.yml"));
        }
        JsonNode compose = single(documents(deploy.resolve("compose/compose.yaml")));
        assertThat(texts(compose.at("/services/prometheus/volumes")))
                .anyMatch(v -> v.startsWith("../observability/prometheus-rules.yml:"));
    }

    // --- reading -----------------------------------------------------------------------------------------------

    private static List<String> kustomizationResources() throws IOException {
        JsonNode kustomization = single(documents(deploy.resolve("kubernetes/kustomization.yaml")));
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        return texts(kustomization.path("resources"));
    }

    /** Every non-empty YAML document of a file. */
    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            YAML.readerFor(JsonNode.class).readValues(reader).forEachRemaining(d -> {
                JsonNode node = (JsonNode) d;
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            });
        }
        assertThat(documents).as("documents in %s", file).isNotEmpty();
        return documents;
    }

    private static List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode named(String kind, String name) {
        return single(ofKind(kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).toList());
    }

    private static JsonNode single(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Map<String, JsonNode> kafkaTopics() {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode topic : ofKind("KafkaTopic")) {
            assertThat(topics.put(topic.at("/spec/topicName").asText(), topic)).as("one KafkaTopic per topic").isNull();
        }
        return topics;
    }

    private static Map<String, JsonNode> databases() {
        Map<String, JsonNode> databases = new HashMap<>();
        ofKind("Database").forEach(d -> databases.put(d.at("/spec/name").asText(), d));
        return databases;
    }

    private static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** The database name in the service's production datasource URL. */
    private static String database(Properties properties) {
        String url = properties.getProperty("%prod.quarkus.datasource.jdbc.url");
        assertThat(url).isNotBlank();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Topics named by the service's messaging channels (topic, topics, dead-letter-queue.topic). */
    private static Set<String> topicsInProperties(String service, String prefix, boolean consumedOnly) throws IOException {
        Properties properties = properties(service);
        Set<String> topics = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            boolean consumed = key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?");
            boolean any = key.endsWith(".topic") || key.endsWith(".topics");
            if (consumedOnly ? consumed : any) {
                for (String topic : properties.getProperty(key).split(",")) {
                    topics.add(topic.trim());
                }
            }
        }
        return topics;
    }

    /**
     * Prometheus names of the meters the services' sources register: counters get _total, gauges keep their name,
     * timers are in seconds with their _count, _sum and _max.
     */
    private static Set<String> registeredMetrics() throws IOException {
        Pattern meter = Pattern.compile(
                "\\b(counter|Counter\\.builder|gauge|Gauge\\.builder|MultiGauge\\.builder|Timer\\.builder)\\(\\s*\"([a-z0-9_.]+)\"");
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        for (String module : Stream.concat(SERVICES.stream(), Stream.of("service-kit")).toList()) {
            try (Stream<Path> files = Files.walk(root.resolve(module + "/src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        // Gauges registered through a helper that takes the registry, the name and a base unit (audit-service's ledger).
        Pattern unitGauge = Pattern.compile("[a-z][A-Za-z]*Gauge\\(\\s*\\w+,\\s*\"([a-z0-9_.]+)\",\\s*(?:\"([a-z]+)\"|null)");
        for (Path source : sources) {
            Matcher helper = unitGauge.matcher(Files.readString(source));
            while (helper.find()) {
                names.add(helper.group(1).replace('.', '_') + (helper.group(2) == null ? "" : "_" + helper.group(2)));
            }
            Matcher matcher = meter.matcher(Files.readString(source));
            while (matcher.find()) {
                String name = matcher.group(2).replace('.', '_');
                String kind = matcher.group(1).toLowerCase();
                if (kind.startsWith("counter")) {
                    names.add(name + "_total");
                } else if (kind.startsWith("timer")) {
                    for (String suffix : List.of("", "_count", "_sum", "_max")) {
                        names.add(name + "_seconds" + suffix);
                    }
                } else {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

    /** The metric names a PromQL expression selects: identifiers that are neither functions, labels nor keywords. */
    static Set<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(stripped);
        while (identifier.find()) {
            String rest = stripped.substring(identifier.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean partOfNumber = identifier.start() > 0 && Character.isDigit(stripped.charAt(identifier.start() - 1));
            if (!function && !partOfNumber && !PROMQL_WORDS.contains(identifier.group().toLowerCase())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    @Test
    void metricNamesOfAnExpressionAreFound() {
        assertThat(metricNames("sum by (job, uri) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                + " / max by (job) (goodwill_kpi_cases offset 1h)"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "goodwill_kpi_cases");
    }
}
