package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.Shipment;
import com.goodwill.testsupport.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./stack bench}: how many carrier events per second incident-intake ingests from Kafka with its
 * state in PostgreSQL, and how long a carrier event takes to become an incident on the incident topic.
 * It starts a throw-away stack (PostgreSQL, Kafka and incident-intake alone, so that the other services
 * take no CPU from the measured one) in a temporary directory on free ports, prints figures, and removes
 * everything again. A measurement, not a test: missed targets do not fail it.
 */
public final class IntakeBenchmark {

    static final String USAGE = "./stack bench [--orders N] [--events N] [--rate R]";

    private static final String SERVICE = "incident-intake";
    private static final String ORDER_GROUP = "incident-intake.order-events";
    private static final String CARRIER_GROUP = "incident-intake.carrier-events";
    private static final String SOURCE = "/bench";
    private static final String[] CARRIERS = {"DHL", "UPS", "GLS"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL"};
    private static final int THROUGHPUT_TARGET = 20_000;
    private static final long P99_TARGET_MS = 100;
    private static final int MAX_LATENCY_RATE = 10_000;
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(20);
    /** One carrier event in this many is an announced delay during the latency phase. */
    private static final int DELAY_EVERY = 100;
    /** Waiting for the consumers gives up when their lag has not moved for this long. */
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);
    /** smallrye-kafka's throttled commit strategy commits offsets at this interval (auto.commit.interval.ms). */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SCAN_STEP = Duration.ofMillis(100);

    /** Command-line options; {@code rate} 0 means half the measured throughput, capped. */
    record Options(int orders, int events, int rate) {

        static Options parse(List<String> args) {
            int orders = 2_000;
            int events = 100_000;
            int rate = 0;
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                int value;
                try {
                    value = Integer.parseInt(args.get(++i).replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a whole number, not " + args.get(i));
                }
                if (value <= 0) {
                    throw new IllegalArgumentException(name + " must be positive");
                }
                switch (name) {
                    case "--orders" -> orders = value;
                    case "--events" -> events = value;
                    case "--rate" -> rate = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(orders, events, rate);
        }
    }

    /** One benchmark order with its one shipment; {@code scans} counts the carrier events sent for it. */
    private static final class Parcel {
        final String orderId;
        final String carrier;
        final String trackingNumber;
        final Instant shippedAt;
        final Instant promisedBy;
        int scans;

        Parcel(String orderId, String carrier, String trackingNumber, Instant shippedAt, Instant promisedBy) {
            this.orderId = orderId;
            this.carrier = carrier;
            this.trackingNumber = trackingNumber;
            this.shippedAt = shippedAt;
            this.promisedBy = promisedBy;
        }
    }

    record Throughput(int events, double sendSeconds, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    /** Latencies in milliseconds, sorted; percentiles by nearest rank. */
    record Latencies(long[] sortedMillis) {
        static Latencies of(List<Long> millis) {
            long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Latencies(sorted);
        }

        int count() {
            return sortedMillis.length;
        }

        long percentile(double p) {
            return sortedMillis.length == 0 ? 0 : sortedMillis[Math.max(0, (int) Math.ceil(p * sortedMillis.length) - 1)];
        }

        long max() {
            return sortedMillis.length == 0 ? 0 : sortedMillis[sortedMillis.length - 1];
        }

        String describe() {
            return count() == 0 ? "no incidents" : String.format("%d incidents, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                    count(), percentile(0.50), percentile(0.95), percentile(0.99), max());
        }
    }

    record LatencyResult(double achievedRate, int sent, int delaysSent, Latencies sinceSend,
                         Latencies byRecordTimestamp) {
    }

    private final StackLayout layout;
    private final LocalStack stack;
    private final Options options;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Admin admin;

    private IntakeBenchmark(StackLayout layout, LocalStack stack, Options options, PrintStream out, Admin admin) {
        this.layout = layout;
        this.stack = stack;
        this.options = options;
        this.out = out;
        this.admin = admin;
    }

    /** Runs the benchmark; 0 when it measured, 2 on a usage error. Errors of the run itself are thrown. */
    public static int run(Path repoRoot, List<String> args, PrintStream out) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        Path dataDir = Files.createTempDirectory("goodwill-bench");
        StackLayout layout = new StackLayout(repoRoot, dataDir, ThisMachine.freePort(), ThisMachine.freePort(), ThisMachine.freePort(),
                Map.of(SERVICE, ThisMachine.freePort()));
        AtomicReference<LocalStack> started = new AtomicReference<>();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Runnable cleanUp = () -> {
            if (cleanedUp.compareAndSet(false, true)) {
                LocalStack stack = started.get();
                if (stack != null) {
                    out.println("Stopping the benchmark stack ...");
                    stack.close();
                }
                ThisMachine.deleteTree(dataDir);
            }
        };
        // Ctrl-C must not leave a broker, a PostgreSQL and a service running in a temp directory.
        Thread hook = new Thread(cleanUp, "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.printf("Benchmark stack in %s (incident-intake only; decision, fulfillment and audit are not started)%n",
                    dataDir);
            started.set(LocalStack.start(layout, out));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap()))) {
                new IntakeBenchmark(layout, started.get(), options, out, admin).measure();
            }
            return 0;
        } finally {
            cleanUp.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook has run or runs the same idempotent clean-up.
            }
        }
    }

    private void measure() throws Exception {
        String context = context();
        out.println(context);

        out.printf("%nSetup: %d orders placed and shipped on %s ...%n", options.orders(), Topics.ORDER_EVENTS);
        List<Parcel> parcels = setUpOrders("bench", options.orders());

        out.printf("%nThroughput: %d carrier events on %s as fast as the producer sends ...%n",
                options.events(), Topics.CARRIER_EVENTS);
        Throughput throughput = throughput(parcels);
        long stored = count("select count(*) from tracking_event");
        out.printf("  sent in %.1f s; all committed by %s after %.1f s: %.0f events/s%n",
                throughput.sendSeconds(), CARRIER_GROUP, throughput.seconds(), throughput.perSecond());
        out.printf("  %d tracking events in PostgreSQL, %d records dead-lettered%n", stored,
                records(Topics.DEAD_LETTER_INTAKE));
        out.printf("  (offsets are committed every %d s, so the elapsed time includes up to that much commit delay)%n",
                COMMIT_INTERVAL.toSeconds());

        int rate = options.rate() > 0 ? options.rate()
                : (int) Math.max(1, Math.min(MAX_LATENCY_RATE, Math.round(throughput.perSecond() / 2)));
        int total = (int) Math.max(DELAY_EVERY, rate * LATENCY_WINDOW.toSeconds());
        int delays = total / DELAY_EVERY;
        out.printf("%nLatency setup: %d fresh orders, one announced delay each ...%n", delays);
        List<Parcel> delayed = setUpOrders("late", delays);
        out.printf("Latency: %d carrier events at %d events/s for about %d s, %d of them announced delays ...%n",
                total, rate, LATENCY_WINDOW.toSeconds(), delays);
        LatencyResult latency = latency(parcels, delayed, rate, total);
        out.printf("  sent %d events at %.0f events/s; %d of %d announced delays became incidents%n",
                latency.sent(), latency.achievedRate(), latency.sinceSend().count(), latency.delaysSent());
        out.printf("  send -> incident received:       %s%n", latency.sinceSend().describe());
        out.printf("  send -> incident record's timestamp: %s%n", latency.byRecordTimestamp().describe());

        out.println();
        out.printf("incident-intake benchmark (%d cores)%n", Runtime.getRuntime().availableProcessors());
        out.printf("  throughput: %d carrier events in %.1f s = %.0f events/s (target %d)%n",
                throughput.events(), throughput.seconds(), throughput.perSecond(), THROUGHPUT_TARGET);
        Latencies l = latency.sinceSend();
        out.printf("  latency at %.0f events/s: %d incidents, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (target p99 < %d ms)%n",
                latency.achievedRate(), l.count(), l.percentile(0.50), l.percentile(0.95), l.percentile(0.99), l.max(),
                P99_TARGET_MS);
        if (l.count() < latency.delaysSent()) {
            out.printf("  %d announced delays produced no incident within the wait%n", latency.delaysSent() - l.count());
        }
        out.println("  " + context.strip().replace("\n", "\n  "));
    }

    private String context() throws SQLException {
        String postgres;
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            postgres = single(sql, "show server_version") + " (fsync " + single(sql, "show fsync")
                    + ", synchronous_commit " + single(sql, "show synchronous_commit")
                    + ", shared_buffers " + single(sql, "show shared_buffers") + ")";
        }
        return String.format("""
                context: %d cores (Runtime.availableProcessors), everything on this machine
                  PostgreSQL %s
                  Kafka: one KRaft broker (384 MB heap), %d partitions per topic
                  incident-intake: one JVM, -Xmx256m, SerialGC; load generator in this JVM
                  load average before measuring: %s (other processes on this machine share the cores)""",
                Runtime.getRuntime().availableProcessors(), postgres, LocalStack.PARTITIONS, ThisMachine.loadAverage());
    }

    /** Places and ships {@code count} orders, then waits until incident-intake has consumed them all. */
    private List<Parcel> setUpOrders(String prefix, int count) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Relative to now so that no detection timer (dispatch, first scan, stall, loss) is due during the run.
        Instant placedAt = now.minus(Duration.ofHours(20));
        Instant shippedAt = now.minus(Duration.ofHours(10));
        Instant promisedBy = now.plus(Duration.ofDays(5));
        List<Parcel> parcels = new ArrayList<>(count);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(5)) {
            SendErrors errors = new SendErrors();
            for (int n = 0; n < count; n++) {
                String orderId = "%s-%s-%06d".formatted(prefix, run, n);
                String carrier = CARRIERS[n % CARRIERS.length];
                String country = COUNTRIES[(n / CARRIERS.length) % COUNTRIES.length];
                String tracking = "%s%s%s%06d".formatted(carrier, prefix.toUpperCase(), run.toUpperCase(), n);
                Money value = Money.of(2_999 + (n * 1_537L) % 22_000, "EUR");
                OrderPlaced placed = new OrderPlaced(orderId + "-placed", orderId, "customer-" + (n % 500), country,
                        "web", "card", value, List.of(new OrderItem("SKU-" + (n % 300), 1, value)), promisedBy, placedAt);
                OrderShipped shipped = new OrderShipped(orderId + "-shipped", orderId,
                        List.of(new Shipment("shp-" + orderId, carrier, tracking, "standard", "DE", country)), shippedAt);
                send(producer, Topics.ORDER_EVENTS, orderId, EventTypes.ORDER_PLACED, orderId, placed, errors);
                send(producer, Topics.ORDER_EVENTS, orderId, EventTypes.ORDER_SHIPPED, orderId, shipped, errors);
                parcels.add(new Parcel(orderId, carrier, tracking, shippedAt, promisedBy));
            }
            producer.flush();
            errors.check();
        }
        awaitDrained(ORDER_GROUP, Topics.ORDER_EVENTS);
        out.printf("  %d orders consumed by %s in %.1f s%n", count, ORDER_GROUP, (System.nanoTime() - t0) / 1e9);
        return parcels;
    }

    private Throughput throughput(List<Parcel> parcels) throws Exception {
        SendErrors errors = new SendErrors();
        long t0 = System.nanoTime();
        long sent;
        try (KafkaProducer<String, String> producer = producer(5)) {
            for (int i = 0; i < options.events(); i++) {
                Parcel parcel = parcels.get(i % parcels.size());
                sendScan(producer, parcel, nextScan(parcel), errors);
            }
            producer.flush();
            sent = System.nanoTime();
            errors.check();
        }
        awaitDrained(CARRIER_GROUP, Topics.CARRIER_EVENTS);
        long done = System.nanoTime();
        return new Throughput(options.events(), (sent - t0) / 1e9, (done - t0) / 1e9);
    }

    private LatencyResult latency(List<Parcel> parcels, List<Parcel> delayed, int rate, int total) throws Exception {
        Map<String, Long> sentNanos = new ConcurrentHashMap<>();
        Map<String, Long> sentWallMillis = new ConcurrentHashMap<>();
        List<Long> sinceSend = new ArrayList<>();
        List<Long> byTimestamp = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> consumerFailure = new AtomicReference<>();
        AtomicLong matched = new AtomicLong();

        try (KafkaConsumer<String, String> consumer = incidentConsumer()) {
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                            long arrived = System.nanoTime();
                            EventEnvelope incident = EventCodec.parse(record.value());
                            if (!EventTypes.INCIDENT_OPENED.equals(incident.type())) {
                                continue;
                            }
                            String orderId = incident.subject();
                            Long sentAt = sentNanos.remove(orderId);
                            if (sentAt != null) {
                                synchronized (sinceSend) {
                                    sinceSend.add(TimeUnit.NANOSECONDS.toMillis(arrived - sentAt));
                                    byTimestamp.add(record.timestamp() - sentWallMillis.get(orderId));
                                }
                                matched.incrementAndGet();
                            }
                        }
                    }
                } catch (Exception e) {
                    consumerFailure.set(e);
                }
            }, "bench-incidents");

            SendErrors errors = new SendErrors();
            int delaysSent = 0;
            long t0;
            long last;
            // No linger: every event goes out when it is due, as a carrier integration's would.
            try (KafkaProducer<String, String> producer = producer(0)) {
                reader.start();
                t0 = System.nanoTime();
                int sent = 0;
                int scanIndex = 0;
                while (sent < total) {
                    long due = Math.min(total, (System.nanoTime() - t0) * rate / 1_000_000_000L + 1);
                    while (sent < due) {
                        if (sent % DELAY_EVERY == DELAY_EVERY / 2 && delaysSent < delayed.size()) {
                            Parcel parcel = delayed.get(delaysSent++);
                            sentWallMillis.put(parcel.orderId, System.currentTimeMillis());
                            sentNanos.put(parcel.orderId, System.nanoTime());
                            sendScan(producer, parcel, delayAnnounced(parcel), errors);
                        } else {
                            Parcel parcel = parcels.get(scanIndex++ % parcels.size());
                            sendScan(producer, parcel, nextScan(parcel), errors);
                        }
                        sent++;
                    }
                    LockSupport.parkNanos(200_000);
                }
                last = System.nanoTime();
                producer.flush();
                errors.check();
            }
            // Intake has consumed everything sent; then the incidents still on their way get a little time.
            awaitDrained(CARRIER_GROUP, Topics.CARRIER_EVENTS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (matched.get() < delaysSent && System.nanoTime() < deadline && consumerFailure.get() == null) {
                Thread.sleep(100);
            }
            stop.set(true);
            reader.join(10_000);
            if (consumerFailure.get() != null) {
                throw new IllegalStateException("Reading " + Topics.INCIDENTS + " failed", consumerFailure.get());
            }
            double seconds = (last - t0) / 1e9;
            synchronized (sinceSend) {
                return new LatencyResult(total / seconds, total, delaysSent, Latencies.of(sinceSend),
                        Latencies.of(byTimestamp));
            }
        }
    }

    /** The next ordinary scan of a parcel: picked up first, then in transit, now and then out for delivery. */
    private static CarrierEvent nextScan(Parcel parcel) {
        int k = parcel.scans++;
        TrackingStatus status = k == 0 ? TrackingStatus.PICKED_UP
                : k % 25 == 24 ? TrackingStatus.OUT_FOR_DELIVERY : TrackingStatus.IN_TRANSIT;
        return new CarrierEvent("%s-%d".formatted(parcel.trackingNumber, k), parcel.carrier, parcel.trackingNumber,
                status, scanTime(parcel, k), "Hub " + (k % 7), null, status.name(), null);
    }

    /** A delay past the promise, announced an hour after shipping: exactly one new DELAY incident per order. */
    private static CarrierEvent delayAnnounced(Parcel parcel) {
        int k = parcel.scans++;
        return new CarrierEvent("%s-delay".formatted(parcel.trackingNumber), parcel.carrier, parcel.trackingNumber,
                TrackingStatus.DELAY_ANNOUNCED, parcel.shippedAt.plus(Duration.ofHours(1)).plus(SCAN_STEP.multipliedBy(k)),
                "Hub", parcel.promisedBy.plus(Duration.ofDays(2)), "DLY", "Shipment delayed");
    }

    /** Strictly increasing per parcel and after shipping; 100 ms apart, so 10 hours hold 360,000 scans per parcel. */
    private static Instant scanTime(Parcel parcel, int k) {
        Instant at = parcel.shippedAt.plus(SCAN_STEP.multipliedBy(k + 1L));
        if (at.isAfter(Instant.now())) {
            throw new IllegalStateException("Too many scans per order to keep their times in the past; use more --orders");
        }
        return at;
    }

    private void sendScan(KafkaProducer<String, String> producer, Parcel parcel, CarrierEvent event, SendErrors errors) {
        send(producer, Topics.CARRIER_EVENTS, parcel.carrier + ":" + parcel.trackingNumber, EventTypes.CARRIER_TRACKING,
                parcel.orderId, event, errors);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String type,
                             String orderId, Object payload, SendErrors errors) {
        EventEnvelope envelope = EventCodec.wrap(type, SOURCE, orderId, Instant.now(), null, null, payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, EventCodec.toJson(envelope));
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record, errors);
    }

    /** Remembers the first failed send; the phase fails after its flush. */
    private static final class SendErrors implements org.apache.kafka.clients.producer.Callback {
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                first.compareAndSet(null, exception);
            }
        }

        void check() {
            if (first.get() != null) {
                throw new IllegalStateException("Sending to Kafka failed: " + first.get().getMessage(), first.get());
            }
        }
    }

    /** Waits until the group has committed every record of the topic (lag 0). */
    private void awaitDrained(String group, String topic) throws Exception {
        long lastLag = -1;
        long lastChange = System.nanoTime();
        long lastReport = System.nanoTime();
        while (true) {
            long lag = lag(group, topic);
            if (lag == 0) {
                return;
            }
            long now = System.nanoTime();
            if (lag != lastLag) {
                lastLag = lag;
                lastChange = now;
            } else if (now - lastChange > STUCK_AFTER.toNanos()) {
                throw new IllegalStateException(group + " made no progress for " + STUCK_AFTER.toSeconds()
                        + " s with " + lag + " records left; see " + layout.logs().resolve(SERVICE + ".log"));
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                out.printf("  ... %s: %d records not yet committed%n", group, lag);
                lastReport = now;
            }
            requireIntakeAlive();
            Thread.sleep(100);
        }
    }

    private long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /** Records on a topic (no transactions write to it, so end offsets count records). */
    private long records(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private void requireIntakeAlive() {
        for (ChildProcess service : stack.services()) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " stopped during the benchmark; last log lines:\n"
                        + service.logTail(40));
            }
        }
    }

    private KafkaProducer<String, String> producer(int lingerMs) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(config);
    }

    /** Reads the incident topic from its current end: only incidents of the latency phase count. */
    private KafkaConsumer<String, String> incidentConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(layout.jdbcUrl("intake"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private long count(String query) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            return Long.parseLong(single(sql, query));
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
