package com.goodwill.contracts;

import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.contracts.order.OrderDelivered;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

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
}
