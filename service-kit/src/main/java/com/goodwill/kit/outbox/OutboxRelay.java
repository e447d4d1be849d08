package com.goodwill.kit.outbox;

import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.kit.tracing.TraceContext;
import com.goodwill.kit.worker.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes them once the broker has
 * acknowledged them. A crash between commit and send leaves the rows in place, so they are sent on
 * the next round; a crash between send and delete sends them again, which consumers absorb through
 * their processed-event log (the event id does not change).
 *
 * <p>Only one relay per database publishes at a time (a PostgreSQL advisory lock), so events of one
 * order keep their commit order across service instances.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that makes one instance the publisher. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final PollingWorker worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(EntityManager entityManager, OutboxConfig config, MeterRegistry registry, Tracer tracer,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.entityManager = entityManager;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.tracer = tracer;
        this.worker = new PollingWorker("outbox-relay", config.pollInterval(), () -> publishBatch() >= config.batchSize());
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay"),
                new StringSerializer(), new StringSerializer());
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(config.sendTimeout());
        if (producer != null) {
            producer.close();
        }
    }

    /** Called after a commit that wrote outbox rows. */
    public void wake() {
        worker.wake();
    }

    /** Publishes one batch; returns how many events went out. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean leader = (Boolean) entityManager
                    .createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
                    .getSingleResult();
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            List<OutboxEvent> rows = oldestRows();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            List<Span> spans = new ArrayList<>(rows.size());
            try {
                for (OutboxEvent row : rows) {
                    Span span = publishSpan(row);
                    spans.add(span);
                    ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.messageKey, row.payload);
                    record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    // The consumer's span becomes a child of this publish span, which continues the writer's trace.
                    TraceContext.of(Context.root().with(span)).writeTo(record.headers());
                    acks.add(producer.send(record));
                }
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                spans.forEach(span -> span.recordException(e).setStatus(StatusCode.ERROR));
                throw e;
            } finally {
                spans.forEach(Span::end);
            }
            deleteSent(rows.stream().map(r -> r.id).toArray(Long[]::new));
            for (OutboxEvent row : rows) {
                published(row.topic).increment();
            }
            return rows.size();
        });
    }

    /**
     * The oldest rows, read over plain JDBC into unmanaged rows: the relay only reads them, and entities would cost a
     * persistence-context entry each and a dirty check at commit for every row of every round.
     */
    private List<OutboxEvent> oldestRows() {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, event_id, topic, message_key, payload, trace_parent, trace_state"
                            + " from outbox_event order by id limit ?")) {
                select.setInt(1, config.batchSize());
                List<OutboxEvent> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        OutboxEvent row = new OutboxEvent();
                        row.id = rs.getLong("id");
                        row.eventId = rs.getString("event_id");
                        row.topic = rs.getString("topic");
                        row.messageKey = rs.getString("message_key");
                        row.payload = rs.getString("payload");
                        row.traceParent = rs.getString("trace_parent");
                        row.traceState = rs.getString("trace_state");
                        rows.add(row);
                    }
                }
                return rows;
            }
        });
    }

    /** One statement for the round's sent rows, whatever their number. */
    private void deleteSent(Long[] ids) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
                delete.setArray(1, connection.createArrayOf("bigint", ids));
                delete.executeUpdate();
            }
        });
    }

    /** A producer span under the trace stored with the row, or the first span of a new trace when it has none. */
    private Span publishSpan(OutboxEvent row) {
        Context parent = new TraceContext(row.traceParent, row.traceState).asParentIn(Context.root());
        return tracer.spanBuilder(row.topic + " publish")
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId)
                .startSpan();
    }

    private Counter published(String topic) {
        return Counter.builder("goodwill.outbox.published")
                .description("Events the outbox relay published to Kafka, by topic")
                .tag("topic", topic)
                .register(registry);
    }
}
