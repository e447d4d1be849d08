package com.goodwill.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.order.OrderDelivered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final String VALID = EventCodec.toJson(EventCodec.wrap("id-1", EventTypes.ORDER_DELIVERED, "/goodwill/tests",
            "o1", Instant.parse("2026-11-20T10:00:00Z"), null, null,
            new OrderDelivered("e1", "o1", Instant.parse("2026-11-20T10:00:00Z"))));

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
            "'\"id\":\"id-1\",', id",
            "'\"type\":\"com.goodwill.order.delivered.v1\",', type",
            "'\"subject\":\"o1\",', subject",
            "'\"time\":\"2026-11-20T10:00:00Z\",', time",
            "'\"specversion\":\"1.0\",', specversion",
            "'\"source\":\"/goodwill/tests\",', source"})
    void envelopeMissingARequiredAttributeIsRejectedNamingIt(String attribute, String name) {
        String broken = VALID.replace(attribute, "");
        assertThatThrownBy(() -> EventCodec.parse(broken))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'not json at all'", "'[1,2,3]'", "''"})
    void recordThatIsNoJsonObjectIsRejected(String record) {
        assertThatThrownBy(() -> EventCodec.parse(record)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void wrappedEventIsWrittenAsTheSameJsonAsItsTreeInTheEnvelope() throws Exception {
        Instant at = Instant.parse("2026-12-05T04:00:00.123456Z");
        FulfilmentRecorded step = new FulfilmentRecorded("cmd-1", "dec-1", "inc-1", "ord-1", "cust-1",
                Instrument.PARTIAL_REFUND, Money.of(1240, "EUR"), FulfilmentStatus.SUCCEEDED, "ref-1", null, at);
        EventEnvelope wrapped = EventCodec.wrap("id-2", EventTypes.FULFILMENT_RECORDED, "/goodwill/tests", "ord-1", at,
                "inc-1", null, step);
        // The envelope as it was written before: the data as a JSON tree, the record written by Jackson.
        EventEnvelope withTree = new EventEnvelope(EventEnvelope.SPEC_VERSION, "id-2", "/goodwill/tests",
                EventTypes.FULFILMENT_RECORDED, "ord-1", at, EventEnvelope.JSON, "inc-1", null,
                EventCodec.mapper().valueToTree(step));

        String json = EventCodec.toJson(wrapped);

        assertThat(json).isEqualTo(EventCodec.toJson(withTree))
                .isEqualTo(EventCodec.mapper().writeValueAsString(withTree))
                .doesNotContain("causationid")
                .contains("\"time\":\"2026-12-05T04:00:00.123456Z\"");
        EventEnvelope parsed = EventCodec.parse(json);
        assertThat(EventCodec.toJson(parsed)).isEqualTo(json);
        assertThat(wrapped).isEqualTo(withTree).hasSameHashCodeAs(withTree);
        assertThat(wrapped.data()).isEqualTo(EventCodec.mapper().valueToTree(step));
        assertThat(wrapped.data().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(EventCodec.dataAs(parsed, FulfilmentRecorded.class)).isEqualTo(step);
        assertThat(EventCodec.dataAs(wrapped, FulfilmentRecorded.class)).isEqualTo(step);
    }

    @Test
    void wrappedEventBuildsItsTreeOnceForEveryReader() {
        EventEnvelope wrapped = EventCodec.wrap("id-5", EventTypes.ORDER_DELIVERED, "/goodwill/tests", "o1",
                Instant.EPOCH, null, null, new OrderDelivered("e5", "o1", Instant.EPOCH));

        JsonNode first = wrapped.data();

        // The same tree each time, as from an envelope parsed from JSON: equality and hash code do not rebuild it.
        assertThat(wrapped.data()).isSameAs(first);
        assertThat(wrapped).isEqualTo(EventCodec.parse(EventCodec.toJson(wrapped)));
        assertThat(wrapped.data()).isSameAs(first);
        assertThat(first.get("orderId").asText()).isEqualTo("o1");
    }

    @Test
    void envelopeAroundATreeOrNothingKeepsIt() {
        JsonNode tree = EventCodec.mapper().createObjectNode().put("orderId", "o1");
        assertThat(EventCodec.wrap("id-3", EventTypes.ORDER_DELIVERED, "/goodwill/tests", "o1", Instant.EPOCH, null,
                null, tree).data()).isSameAs(tree);
        assertThat(EventCodec.toJson(EventCodec.wrap("id-4", EventTypes.ORDER_DELIVERED, "/goodwill/tests", "o1",
                Instant.EPOCH, null, null, null))).doesNotContain("\"data\"");
    }
}
