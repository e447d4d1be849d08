package com.goodwill.deploy;

import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./stack tail [--from-beginning] [--type T ...] [--order ID] [--bootstrap HOST:PORT] [--max N]
 * [--timeout SECONDS]}: prints the public goodwill stream, one readable line per event, as it comes.
 *
 * <p>It reads every partition without a consumer group (a tail commits nothing and is not a subscriber the platform
 * should wait for), from the end unless {@code --from-beginning}. {@code --type} keeps the types it names, in full or
 * short ({@code decision.made}, or {@code decision} for every decision type), repeated or comma-separated;
 * {@code --order} one order's events. {@code --max} and {@code --timeout} end it, for scripts.
 */
public final class PublicStreamTail {

    record Options(boolean fromBeginning, List<String> types, String order, String bootstrap, long max, Duration timeout) {

        static Options parse(List<String> args, String defaultBootstrap) {
            boolean fromBeginning = false;
            List<String> types = new ArrayList<>();
            String order = null;
            String bootstrap = defaultBootstrap;
            long max = Long.MAX_VALUE;
            Duration timeout = null;
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String arg = it.next();
                switch (arg) {
                    case "--from-beginning" -> fromBeginning = true;
                    case "--type" -> {
                        for (String type : value(it, arg).split(",")) {
                            if (!type.isBlank()) {
                                types.add(type.strip());
                            }
                        }
                    }
                    case "--order" -> order = value(it, arg);
                    case "--bootstrap" -> bootstrap = value(it, arg);
                    case "--max" -> max = positive(value(it, arg), arg);
                    case "--timeout" -> timeout = Duration.ofSeconds(positive(value(it, arg), arg));
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new Options(fromBeginning, List.copyOf(types), order, bootstrap, max, timeout);
        }

        private static long positive(String text, String option) {
            try {
                long value = Long.parseLong(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number: " + text);
        }

        private static String value(Iterator<String> it, String option) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return it.next();
        }

        /** Whether the event's type is one the person asked for. */
        boolean wants(String type) {
            if (types.isEmpty()) {
                return true;
            }
            String shortType = PublicEventLine.shortType(type);
            return types.stream().anyMatch(t -> t.equals(type) || t.equals(shortType) || shortType.startsWith(t + "."));
        }
    }

    private final Options options;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);

    PublicStreamTail(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The {@code ./stack tail} command; runs until Ctrl-C, {@code --max} or {@code --timeout}. */
    public static int main(StackLayout layout, List<String> args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args, layout.kafkaBootstrap());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./stack tail [--from-beginning] [--type decision.made,compensation ...] [--order ID]"
                    + " [--bootstrap 127.0.0.1:19092] [--max N] [--timeout SECONDS]");
            return 2;
        }
        PublicStreamTail tail = new PublicStreamTail(options, out);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tail.running.set(false);
            try {
                main.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tail-stop"));
        tail.run();
        return 0;
    }

    /** Ends {@link #run} after its current poll. */
    void stop() {
        running.set(false);
    }

    /** Prints matching events until stopped; returns how many it printed. */
    long run() {
        long printed = 0;
        long deadline = options.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeout().toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "goodwill-tail"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PUBLIC_STREAM, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            out.printf("Tailing %s on %s (%s)%s; Ctrl-C stops.%n", Topics.PUBLIC_STREAM, options.bootstrap(),
                    options.fromBeginning() ? "from the beginning" : "new events",
                    options.types().isEmpty() ? "" : ", types " + String.join(", ", options.types()));
            out.flush();
            while (running.get() && printed < options.max() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (options.order() != null && !options.order().equals(record.key())) {
                        continue;
                    }
                    EventEnvelope event;
                    try {
                        event = EventCodec.parse(record.value());
                    } catch (MalformedEventException e) {
                        out.printf("(partition %d offset %d is not a CloudEvent: %s)%n", record.partition(), record.offset(),
                                e.getMessage());
                        continue;
                    }
                    if (options.wants(event.type())) {
                        out.println(PublicEventLine.format(event));
                        out.flush();
                        if (++printed >= options.max()) {
                            break;
                        }
                    }
                }
            }
        }
        return printed;
    }
}
