package com.goodwill.deploy;

import com.goodwill.contracts.EventTypes;
import com.goodwill.testsupport.SpanReceiver.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One incident, one trace: the four packaged services ({@link RunningStack}) export their spans over OTLP/HTTP to a
 * receiver in this JVM. The carrier event that opens the incident is posted within a trace of the test's own; the spans
 * of incident-intake, decision-service, fulfillment-service and audit-service must all carry its trace id and form
 * one tree under the test's span, across every Kafka hop (emitter and outbox relay alike).
 */
class TracingEndToEndTest {

    private static final List<String> SERVICES =
            List.of("incident-intake", "decision-service", "fulfillment-service", "audit-service");

    private static RunningStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void oneIncidentsTraceSpansTheFourServicesAcrossTheKafkaHops() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "trace-" + run;
        String tracking = "TR" + run;
        DelayedOrder order = DelayedOrder.of(orderId, "customer-" + orderId, tracking, 12_999);
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped());
        // incident-intake must know the parcel before the traced scan arrives. A scan for a parcel it does not know yet
        // is kept, and the incident is opened later by the shipment event that links it: rightly in that event's
        // trace, not the scan's. (Waiting for the ledger's ORDER_SHIPPED is not enough: audit-service can be ahead of
        // incident-intake's order consumer, as it was on a fresh stack.)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> stack.getJson("incident-intake", "/api/shipments?carrier=DHL&trackingNumber=" + tracking)
                        .path("orderId").asText().equals(orderId));

        String traceId = hex(16);
        String rootSpanId = hex(8);
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced(),
                "00-" + traceId + "-" + rootSpanId + "-01");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.FULFILMENT_RECORDED));
        // Every service has exported its part (spans leave in batches) and audit-service has consumed the result.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ReceivedSpan> trace = stack.spans().spansOfTrace(traceId);
            assertThat(trace).extracting(ReceivedSpan::service).containsAll(SERVICES);
            assertThat(trace).extracting(ReceivedSpan::name)
                    .contains("goodwill.incidents.v1 publish", "goodwill.decisions.v1 publish",
                            "goodwill.compensation-commands.v1 publish", "goodwill.fulfilment-results.v1 publish");
            assertThat(consumers(trace, "audit-service")).contains("goodwill.incidents.v1", "goodwill.decisions.v1",
                    "goodwill.compensation-commands.v1", "goodwill.fulfilment-results.v1");
        });

        List<ReceivedSpan> trace = stack.spans().spansOfTrace(traceId);
        Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        // One tree: each span's parent is another span of the trace, or the test's own span for the first one.
        for (ReceivedSpan span : trace) {
            assertThat(span.parentSpanId()).as("parent of %s in %s", span.name(), span.service())
                    .isIn(union(spanIds, rootSpanId));
        }
        assertThat(trace.stream().filter(s -> rootSpanId.equals(s.parentSpanId())))
                .as("incident-intake's HTTP span continues the caller's trace")
                .extracting(ReceivedSpan::service).containsExactly("incident-intake");
        // The chain runs intake -> decision -> fulfilment through the relay's publish spans.
        assertThat(consumers(trace, "decision-service")).contains("goodwill.incidents.v1");
        assertThat(consumers(trace, "fulfillment-service")).contains("goodwill.compensation-commands.v1");
        assertThat(stack.spans().failures()).isEmpty();
    }

    @Test
    void aScanForAParcelNotYetKnownOpensItsIncidentInTheTraceOfTheShipmentThatLinksIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "trace-early-" + run;
        DelayedOrder order = DelayedOrder.of(orderId, "customer-" + orderId, "TE" + run, 12_999);

        String scanTrace = hex(16);
        stack.post("incident-intake", "/api/carrier-events", order.delayAnnounced(), "00-" + scanTrace + "-" + hex(8) + "-01");
        // incident-intake has consumed the scan (and kept it, the parcel being unknown) before the order arrives.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(consumers(stack.spans().spansOfTrace(scanTrace), "incident-intake")).contains("goodwill.carrier-events.v1"));

        String shipmentTrace = hex(16);
        stack.post("incident-intake", "/api/order-events", order.placedAndShipped(), "00-" + shipmentTrace + "-" + hex(8) + "-01");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> RunningStack.typesIn(stack.timeline(orderId)).contains(EventTypes.FULFILMENT_RECORDED));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(stack.spans().spansOfTrace(shipmentTrace)).extracting(ReceivedSpan::name)
                        .contains("goodwill.incidents.v1 publish", "goodwill.decisions.v1 publish"));
        assertThat(stack.spans().spansOfTrace(scanTrace)).extracting(ReceivedSpan::name)
                .doesNotContain("goodwill.incidents.v1 publish");
    }

    /** The topics whose records the service's consumer spans in the trace handled. */
    private static Set<String> consumers(List<ReceivedSpan> trace, String service) {
        return trace.stream()
                .filter(s -> s.service().equals(service) && s.kind() == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER)
                .map(s -> s.name().substring(0, s.name().indexOf(' ')))
                .collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> ids, String extra) {
        return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(extra)).collect(Collectors.toSet());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
