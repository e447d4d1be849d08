package com.goodwill.decision.service;

import com.fasterxml.jackson.databind.node.POJONode;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.RiskAssessment;
import com.goodwill.contracts.decision.RiskFactor;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The case facts and risk a decision's row, event and commands share are copied, and read exactly as if written anew. */
class WrittenOnceTest {

    /** A payload that holds the same facts more than once, as a decision's event and commands together do. */
    record Payload(String name, CaseFacts facts, RiskAssessment risk, List<CaseFacts> again) {
    }

    private static final CaseFacts FACTS = new CaseFacts(IncidentClass.DELAY, Severity.HIGH, IncidentSource.CARRIER,
            IncidentLifecycle.OPENED, 52L, null, Instant.parse("2026-12-04T10:15:30.120Z"),
            Instant.parse("2026-12-03T18:00:00Z"), "DE", "web", "dhl", "00340434161094042557", true);
    private static final RiskAssessment RISK = new RiskAssessment(35,
            List.of(new RiskFactor("CLAIMS_90D", 20, "2 claims in 90 days"), new RiskFactor("NEW_ACCOUNT", 15, "\"3\" days")));

    @Test
    void columnsReadAsTheCodecWritesThemTheFirstTimeAndEveryTimeAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(WrittenOnce.json(FACTS)).isEqualTo(EventCodec.mapper().writeValueAsString(FACTS));
            assertThat(WrittenOnce.json(RISK)).isEqualTo(EventCodec.mapper().writeValueAsString(RISK));
        }
    }

    @Test
    void anEnvelopeWithCopiedFactsIsTheEnvelopeTheCodecWraps() {
        Payload payload = new Payload("decision", FACTS, RISK, List.of(FACTS, FACTS));
        Instant time = Instant.parse("2026-12-04T11:00:00Z");
        WrittenOnce.json(FACTS); // written once before, as for the decision's row
        EventEnvelope copied = new EventEnvelope(EventEnvelope.SPEC_VERSION, "e-1", "/goodwill/decision-service", "t.v1",
                "o-1", time, EventEnvelope.JSON, "i-1", "c-1", new POJONode(WrittenOnce.payload(payload)));
        EventEnvelope wrapped = EventCodec.wrap("e-1", "t.v1", "/goodwill/decision-service", "o-1", time, "i-1", "c-1",
                payload);

        assertThat(EventCodec.toJson(copied)).isEqualTo(EventCodec.toJson(wrapped));
        assertThat(EventCodec.dataAs(EventCodec.parse(EventCodec.toJson(copied)), Payload.class)).isEqualTo(payload);
    }
}
