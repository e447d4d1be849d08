package com.goodwill.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.goodwill.contracts.envelope.EventCodec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./stack replay <file> [--rate N/s] [--url U] [--suffix S] [--keep-times]}: plays a file of order and carrier
 * events (JSON Lines, one event per line, as incident-intake's REST API takes them) into incident-intake at a chosen
 * rate, with a progress bar, and sums up what was sent, accepted and rejected (with the reasons) and the throughput.
 *
 * <p>A line with {@code kind} is an order event (POST /api/order-events), one with {@code trackingNumber} and
 * {@code status} a carrier event (POST /api/carrier-events); blank lines and lines starting with {@code #} are skipped.
 * Event times are shifted by default so that the file's latest {@code occurredAt} is now: incident-intake's timers
 * judge event times against its clock, so a file recorded last month would otherwise presume every parcel lost.
 * {@code --suffix S} appends {@code -S} to every event, order, shipment and tracking id, so the same file can be
 * played again as new orders (intake ignores events it has seen).
 */
public final class Replay {

    /** Ids that {@code --suffix} makes unique. */
    private static final Set<String> ID_FIELDS = Set.of("eventId", "orderId", "shipmentId", "trackingNumber");
    private static final Pattern INSTANT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$");
    /** At most this many requests in flight: enough for a few hundred events a second on one machine. */
    private static final int IN_FLIGHT = 32;

    /** What the summary reports; {@code rejections} names the lines of the file rejected for each reason. */
    public record Summary(int sent, int accepted, int rejected, Map<String, List<Integer>> rejections, Duration elapsed) {

        public double throughput() {
            return elapsed.isZero() ? sent : sent / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * One line of the file, read: where it goes and what is posted, or why it cannot be sent. {@code story} is the
     * order it belongs to (a scan's order is known from its parcel's shipped event), or its parcel.
     */
    record Line(int number, String path, JsonNode event, String story, String problem) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String intakeUrl;
    private final PrintStream out;
    private final boolean progressBar;

    public Replay(String intakeUrl, PrintStream out, boolean progressBar) {
        this.intakeUrl = intakeUrl.replaceAll("/+$", "");
        this.out = out;
        this.progressBar = progressBar;
    }

    /** The {@code ./stack replay} command; exit code 0 when every event was accepted, 1 otherwise, 2 on bad usage. */
    public static int main(StackLayout layout, List<String> args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args, layout.baseUrl("incident-intake"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./stack replay <file.jsonl> [--rate N/s] [--url http://127.0.0.1:8081] [--suffix S] [--keep-times]");
            return 2;
        }
        try {
            Summary summary = new Replay(options.url, out, System.console() != null)
                    .play(options.file, options.rate, options.suffix, !options.keepTimes, Clock.systemUTC());
            return summary.rejected() == 0 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("Cannot replay " + options.file + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    record Options(Path file, double rate, String url, String suffix, boolean keepTimes) {

        static Options parse(List<String> args, String defaultUrl) {
            Path file = null;
            double rate = 50;
            String url = defaultUrl;
            String suffix = null;
            boolean keepTimes = false;
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String arg = it.next();
                switch (arg) {
                    case "--rate" -> rate = parseRate(value(it, arg));
                    case "--url" -> url = value(it, arg);
                    case "--suffix" -> suffix = value(it, arg);
                    case "--keep-times" -> keepTimes = true;
                    default -> {
                        if (arg.startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unknown argument " + arg);
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("which file? e.g. ./stack replay deploy/samples/delayed-orders.jsonl");
            }
            return new Options(file, rate, url, suffix, keepTimes);
        }

        /** {@code 200}, {@code 200/s}. */
        static double parseRate(String text) {
            String number = text.endsWith("/s") ? text.substring(0, text.length() - 2) : text;
            try {
                double rate = Double.parseDouble(number);
                if (rate > 0) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--rate must be a positive number of events per second, e.g. 100/s: " + text);
        }

        private static String value(Iterator<String> it, String option) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return it.next();
        }
    }

    /** Reads the file, shifts and suffixes as asked, sends each event at the rate and prints the summary. */
    public Summary play(Path file, double rate, String suffix, boolean shiftTimes, Clock clock)
            throws IOException, InterruptedException {
        List<Line> lines = read(Files.readAllLines(file), suffix);
        if (shiftTimes) {
            shiftToNow(lines, clock.instant());
        }
        out.printf("Replaying %d events from %s into %s at %s events/s%s%n", lines.size(), file, intakeUrl,
                rate == Math.floor(rate) ? Long.toString((long) rate) : Double.toString(rate),
                suffix == null ? "" : " (ids suffixed with -" + suffix + ")");

        Map<String, List<Integer>> reasons = new TreeMap<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        // Requests run side by side, but one order's events go one after the other, so none overtakes its predecessor.
        Map<String, CompletableFuture<Void>> lastOfStory = new HashMap<>();
        long start = System.nanoTime();
        long nextDraw = 0;
        for (int i = 0; i < lines.size(); i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Line line = lines.get(i);
            if (line.problem() != null) {
                reject(reasons, line.problem(), line.number());
                done.incrementAndGet();
            } else {
                inFlight.acquire();
                CompletableFuture<Void> previous = lastOfStory.getOrDefault(line.story(), CompletableFuture.completedFuture(null));
                CompletableFuture<Void> call = previous.thenCompose(ignored -> send(line)).handle((reason, failure) -> {
                    inFlight.release();
                    String why = failure != null ? "not answered: " + rootMessage(failure) : reason.orElse(null);
                    if (why == null) {
                        accepted.incrementAndGet();
                    } else {
                        reject(reasons, why, line.number());
                    }
                    done.incrementAndGet();
                    return null;
                });
                lastOfStory.put(line.story(), call);
                calls.add(call);
            }
            if (System.nanoTime() >= nextDraw) {
                drawProgress(done.get(), lines.size(), start);
                nextDraw = System.nanoTime() + 100_000_000L;
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        drawProgress(done.get(), lines.size(), start);
        if (progressBar) {
            out.println();
        }
        Summary summary = new Summary(lines.size(), accepted.get(), lines.size() - accepted.get(), reasons, elapsed);
        printSummary(summary);
        return summary;
    }

    private static void reject(Map<String, List<Integer>> reasons, String reason, int lineNumber) {
        synchronized (reasons) {
            reasons.computeIfAbsent(reason, r -> new ArrayList<>()).add(lineNumber);
        }
    }

    /** Each line as an event to post, or the reason it cannot be one. */
    static List<Line> read(List<String> text, String suffix) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> orderOfParcel = new HashMap<>();
        for (int n = 0; n < text.size(); n++) {
            String raw = text.get(n).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            int number = n + 1;
            JsonNode event;
            try {
                event = EventCodec.mapper().readTree(raw);
            } catch (JsonProcessingException e) {
                lines.add(new Line(number, null, null, null, "line is not JSON"));
                continue;
            }
            if (!event.isObject()) {
                lines.add(new Line(number, null, null, null, "line is not a JSON object"));
                continue;
            }
            if (suffix != null) {
                suffixIds(event, "-" + suffix);
            }
            if (event.has("kind")) {
                String orderId = event.path("orderId").asText();
                event.path("shipments").forEach(shipment -> orderOfParcel.put(
                        shipment.path("carrier").asText() + ":" + shipment.path("trackingNumber").asText(), orderId));
                lines.add(new Line(number, "/api/order-events", event, "order:" + orderId, null));
            } else if (event.has("trackingNumber") && event.has("status")) {
                String parcel = event.path("carrier").asText() + ":" + event.path("trackingNumber").asText();
                String orderId = orderOfParcel.get(parcel);
                lines.add(new Line(number, "/api/carrier-events", event,
                        orderId == null ? "parcel:" + parcel : "order:" + orderId, null));
            } else {
                lines.add(new Line(number, null, null, null,
                        "neither an order event (kind) nor a carrier event (trackingNumber, status)"));
            }
        }
        return lines;
    }

    private static void suffixIds(JsonNode node, String suffix) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (ID_FIELDS.contains(name) && value.isTextual()) {
                    object.put(name, value.asText() + suffix);
                } else {
                    suffixIds(value, suffix);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> suffixIds(child, suffix));
        }
    }

    /** Moves every instant of every event by the same amount, so that the latest {@code occurredAt} is now. */
    static void shiftToNow(List<Line> lines, Instant now) {
        Optional<Instant> latest = lines.stream().filter(l -> l.event() != null)
                .map(l -> instant(l.event().path("occurredAt")))
                .flatMap(Optional::stream).max(Instant::compareTo);
        if (latest.isEmpty()) {
            return;
        }
        Duration shift = Duration.between(latest.get(), now.truncatedTo(ChronoUnit.SECONDS));
        lines.stream().filter(l -> l.event() != null).forEach(l -> shift(l.event(), shift));
    }

    private static void shift(JsonNode node, Duration shift) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                Optional<Instant> at = instant(value);
                if (at.isPresent()) {
                    object.set(name, TextNode.valueOf(at.get().plus(shift).toString()));
                } else {
                    shift(value, shift);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> shift(child, shift));
        }
    }

    private static Optional<Instant> instant(JsonNode value) {
        if (!value.isTextual() || !INSTANT.matcher(value.asText()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Posts one event; completes with empty when accepted, or with the reason it was not. */
    private CompletableFuture<Optional<String>> send(Line line) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(intakeUrl + line.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(line.event().toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 202 ? Optional.empty()
                        : Optional.of(reason(response.statusCode(), response.body())));
    }

    /** The first field error of an RFC 9457 problem ({@code orderId: must not be blank}), else its detail or title. */
    static String reason(int status, String body) {
        try {
            JsonNode problem = EventCodec.mapper().readTree(body);
            JsonNode error = problem.path("errors").path(0);
            if (error.hasNonNull("field")) {
                return error.path("field").asText() + ": " + error.path("message").asText();
            }
            for (String key : List.of("detail", "title")) {
                if (problem.hasNonNull(key)) {
                    return problem.path(key).asText();
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not a problem body: the status says enough
        }
        return "HTTP " + status;
    }

    private void drawProgress(int done, int total, long start) {
        if (!progressBar) {
            return;
        }
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("\r[%s%s] %d/%d %3d%%  %.1f events/s ", "#".repeat(filled), "-".repeat(width - filled), done, total,
                total == 0 ? 100 : done * 100 / total, seconds > 0 ? done / seconds : 0.0);
        out.flush();
    }

    private void printSummary(Summary summary) {
        out.printf("Sent %d, accepted %d, rejected %d in %.1f s (%.1f events/s)%n", summary.sent(), summary.accepted(),
                summary.rejected(), summary.elapsed().toMillis() / 1000.0, summary.throughput());
        summary.rejections().forEach((reason, lines) -> out.printf("  rejected %d x %s (line%s %s)%n", lines.size(), reason,
                lines.size() == 1 ? "" : "s", lines.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }
}
