package com.goodwill.audit.ledger;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verification's fast reading of event times must read every time as the full ISO parser does. */
class ChainWalkTest {

    @Test
    void eventTimesReadAsTheIsoParserReadsThem() {
        for (String time : new String[]{"2026-11-01T00:00:00Z", "2026-11-01T10:15:30.1Z", "2026-11-01T10:15:30.123Z",
                "2026-11-01T10:15:30.123456Z", "2026-11-01T10:15:30.123456789Z", "2024-02-29T23:59:59.000000001Z",
                "2026-11-01T10:15:30+02:00", "2026-11-01T10:15:30.5-05:30", "2026-11-01T00:00:00.Z"}) {
            assertThat(ChainWalk.utcInstant(time)).as(time).isEqualTo(OffsetDateTime.parse(time).toInstant());
        }
    }

    @Test
    void timesThatAreNotIsoAreRefusedAsByTheIsoParser() {
        for (String time : new String[]{"2026-02-30T00:00:00Z", "2026-11-01T24:00:00Z",
                "2026-11-01T00:00:0xZ", "2026-11-01 00:00:00Z", "yesterday"}) {
            assertThatThrownBy(() -> ChainWalk.utcInstant(time)).as(time).isInstanceOf(DateTimeParseException.class);
        }
    }
}
