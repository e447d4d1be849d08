package com.goodwill.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.order.CustomerProblem;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.contracts.order.OrderItem;
import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.contracts.order.OrderShipped;
import com.goodwill.contracts.order.ProblemReported;
import com.goodwill.contracts.order.Shipment;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a realistic stream into incident-intake's REST API, as the order system and the carriers
 * would: orders placed and shipped, scans, some deliveries on time, some delays announced by the
 * carrier, some deliveries after the promised date. Then it shows, per troubled order, what the
 * platform did about it, read back from the audit ledger.
 */
public final class DemoFeed {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final String[][] MARKETS = {{"DE", "EUR"}, {"FR", "EUR"}, {"NL", "EUR"}, {"GB", "GBP"}};
    /** The seven demo customers' names, as a shop would pass them with an order; the mails greet by them. */
    private static final String[] DEMO_CUSTOMER_NAMES = {"Anna Schmidt", "Jonas Weber", "Camille Martin", "Daan de Vries",
            "Olivia Brown", "Lena Fischer", "Noah Wilson"};
    private static final String[] CARRIERS = {"DHL", "UPS"};

    enum Story {
        ON_TIME, ANNOUNCED_DELAY, DELIVERED_LATE, IN_TRANSIT,
        /** Still in transit, but so close to the promise that the transit-time model expects it late. */
        PREDICTED_DELAY,
        /** Delivered on time; the customer tells customer care the parcel arrived damaged. */
        CUSTOMER_REPORTS_DAMAGE;

        boolean troubled() {
            return this != ON_TIME && this != IN_TRANSIT;
        }
    }

    record DemoOrder(String orderId, Story story) {
    }

    private final StackLayout layout;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoFeed(StackLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    /** Plays {@code count} orders; returns them with the story each one was given. */
    public List<DemoOrder> play(int count) throws IOException, InterruptedException {
        String run = "demo-" + DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<OrderEvent> orderEvents = new ArrayList<>();
        List<CarrierEvent> carrierEvents = new ArrayList<>();
        List<ProblemReported> problems = new ArrayList<>();
        List<DemoOrder> orders = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            Story story = Story.values()[n % Story.values().length];
            String orderId = run + "-" + n;
            String[] market = MARKETS[(n / 2) % MARKETS.length];
            String carrier = CARRIERS[n % CARRIERS.length];
            String tracking = (carrier.equals("DHL") ? "JD" : "1Z") + run.substring(5) + String.format("%03d", n);
            long value = 2_999 + (n * 1_537L) % 22_000;
            Instant placedAt = now.minus(story == Story.DELIVERED_LATE ? 6 : 3, ChronoUnit.DAYS);
            Instant promised = switch (story) {
                case DELIVERED_LATE -> now.minus(2, ChronoUnit.DAYS);
                case PREDICTED_DELAY -> now.plus(6, ChronoUnit.HOURS);
                default -> now.plus(1, ChronoUnit.DAYS);
            };

            orderEvents.add(new OrderPlaced(orderId + "-placed", orderId, "customer-" + (n % 7), market[0], n % 3 == 0 ? "app" : "web",
                    n % 2 == 0 ? "card" : "paypal", Money.of(value, market[1]),
                    List.of(new OrderItem("SKU-" + (100 + n), 1, Money.of(value, market[1]))), promised, placedAt,
                    // Each demo customer has a mailbox in the stack's mail server; German for the German market.
                    "customer-" + (n % 7) + "@demo.goodwill.example", market[0].equals("DE") ? "de" : "en",
                    null, null, null, DEMO_CUSTOMER_NAMES[n % 7]));
            orderEvents.add(new OrderShipped(orderId + "-shipped", orderId, List.of(new Shipment("shp-" + orderId, carrier, tracking,
                    "standard", "DE", market[0])), placedAt.plus(20, ChronoUnit.HOURS)));

            carrierEvents.add(scan(carrier, tracking, "1", TrackingStatus.PICKED_UP, placedAt.plus(22, ChronoUnit.HOURS), null));
            carrierEvents.add(scan(carrier, tracking, "2", TrackingStatus.IN_TRANSIT, placedAt.plus(30, ChronoUnit.HOURS), null));
            switch (story) {
                case ON_TIME -> carrierEvents.add(scan(carrier, tracking, "3", TrackingStatus.DELIVERED, now.minus(2, ChronoUnit.HOURS), null));
                case CUSTOMER_REPORTS_DAMAGE -> {
                    carrierEvents.add(scan(carrier, tracking, "3", TrackingStatus.DELIVERED, now.minus(3, ChronoUnit.HOURS), null));
                    problems.add(new ProblemReported(orderId + "-damage", orderId, null, CustomerProblem.DAMAGED,
                            "The box was crushed and the lamp inside is broken", null, now.minus(1, ChronoUnit.HOURS)));
                }
                case PREDICTED_DELAY -> carrierEvents.add(scan(carrier, tracking, "3", TrackingStatus.IN_TRANSIT,
                        now.minus(1, ChronoUnit.HOURS), null));
                case ANNOUNCED_DELAY -> carrierEvents.add(scan(carrier, tracking, "3", TrackingStatus.DELAY_ANNOUNCED,
                        now.minus(1, ChronoUnit.HOURS), promised.plus(18 + (n % 4) * 12L, ChronoUnit.HOURS)));
                case DELIVERED_LATE -> carrierEvents.add(scan(carrier, tracking, "3", TrackingStatus.DELIVERED, now.minus(1, ChronoUnit.HOURS), null));
                case IN_TRANSIT -> {
                    // Still under way and within its promise: nothing to compensate.
                }
            }
            orders.add(new DemoOrder(orderId, story));
        }
        // Written as List<OrderEvent>, so each item carries its "kind".
        post("/api/order-events", JSON.writerFor(new TypeReference<List<OrderEvent>>() { }).writeValueAsString(orderEvents));
        post("/api/carrier-events", JSON.writeValueAsString(carrierEvents));
        if (!problems.isEmpty()) {
            post("/api/customer-problems", JSON.writeValueAsString(problems));
        }
        out.printf("Demo feed: %d orders, %d order events, %d carrier events and %d customer reports posted to incident-intake.%n",
                count, orderEvents.size(), carrierEvents.size(), problems.size());
        return orders;
    }

    /** Waits until every troubled order's compensation is executed, then prints what happened to each. */
    public void showOutcome(List<DemoOrder> orders, Duration timeout) throws IOException, InterruptedException {
        List<DemoOrder> troubled = orders.stream().filter(o -> o.story().troubled()).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, JsonNode> timelines = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            for (DemoOrder order : troubled) {
                timelines.put(order.orderId(), timeline(order.orderId()));
            }
            if (timelines.values().stream().allMatch(t -> has(t, EventTypes.FULFILMENT_RECORDED))) {
                break;
            }
            Thread.sleep(1000);
        }
        out.println();
        out.println("What the platform did (read back from the audit ledger):");
        int compensated = 0;
        for (DemoOrder order : troubled) {
            JsonNode timeline = timelines.get(order.orderId());
            JsonNode incident = first(timeline, EventTypes.INCIDENT_OPENED);
            JsonNode decision = first(timeline, EventTypes.DECISION_MADE);
            JsonNode result = first(timeline, EventTypes.FULFILMENT_RECORDED);
            if (result != null) {
                compensated++;
            }
            out.printf("  %-22s %-23s %s%n", order.orderId(), order.story(),
                    incident == null ? "no incident yet"
                            : incident.path("incidentClass").asText() + describeDelay(incident)
                            + (decision == null ? " -> no decision yet"
                            : " -> " + decision.path("narrative").asText()
                            + (result == null ? " [not executed yet]" : " [" + result.path("status").asText() + "]")));
        }
        out.printf("%d of %d troubled orders compensated; %d orders went fine. Timelines: %s/api/timeline/orders/{orderId}%n",
                compensated, troubled.size(), orders.size() - troubled.size(), layout.baseUrl("audit-service"));
    }

    private static String describeDelay(JsonNode incident) {
        if (incident.path("delayHours").isNull() || incident.path("delayHours").isMissingNode()) {
            return " (" + incident.path("source").asText().toLowerCase() + ")";
        }
        String probability = incident.path("delayProbability").isNumber()
                ? String.format(" (p=%.2f)", incident.path("delayProbability").asDouble()) : "";
        return " " + incident.path("delayHours").asText() + " h" + probability;
    }

    private static boolean has(JsonNode timeline, String type) {
        return first(timeline, type) != null;
    }

    private static JsonNode first(JsonNode timeline, String type) {
        if (timeline == null) {
            return null;
        }
        for (JsonNode entry : timeline.path("entries")) {
            if (type.equals(entry.path("type").asText())) {
                return entry.path("data");
            }
        }
        return null;
    }

    private JsonNode timeline(String orderId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(layout.baseUrl("audit-service") + "/api/timeline/orders/" + orderId))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(layout.baseUrl("incident-intake") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("incident-intake refused the demo feed at " + path + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    private static CarrierEvent scan(String carrier, String tracking, String seq, TrackingStatus status, Instant at, Instant revisedEta) {
        return new CarrierEvent(tracking + "-" + seq, carrier, tracking, status, at,
                status == TrackingStatus.DELIVERED ? "Customer address" : "Hub " + carrier, revisedEta,
                status.name().substring(0, 2), status.name().toLowerCase().replace('_', ' '));
    }
}
