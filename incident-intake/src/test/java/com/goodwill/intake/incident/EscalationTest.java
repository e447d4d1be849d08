package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.IncidentSource;
import com.goodwill.contracts.incident.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationTest {

    private static Detection delay(IncidentClass incidentClass, Severity severity, Long hours) {
        return new Detection(incidentClass, severity, IncidentSource.CARRIER, hours, null, null, "r");
    }

    private static Escalation.Standing standing(IncidentClass incidentClass, Severity severity, Long hours) {
        return new Escalation.Standing(incidentClass, severity, hours, IncidentLifecycle.OPENED);
    }

    @Test
    void aFirstDetectionOpens() {
        assertThat(Escalation.change(null, delay(IncidentClass.DELAY, Severity.MEDIUM, 5L))).contains(IncidentLifecycle.OPENED);
    }

    @Test
    void predictedThenAnnouncedDelayEscalatesTheSameProblem() {
        assertThat(Escalation.change(standing(IncidentClass.PREDICTED_DELAY, Severity.LOW, 30L),
                delay(IncidentClass.DELAY, Severity.MEDIUM, 12L))).contains(IncidentLifecycle.ESCALATED);
    }

    @Test
    void aLongerAnnouncedDelayEscalatesAShorterOneDoesNot() {
        Escalation.Standing announced = standing(IncidentClass.DELAY, Severity.MEDIUM, 20L);
        assertThat(Escalation.change(announced, delay(IncidentClass.DELAY, Severity.MEDIUM, 26L))).contains(IncidentLifecycle.ESCALATED);
        assertThat(Escalation.change(announced, delay(IncidentClass.DELAY, Severity.MEDIUM, 20L))).isEmpty();
        assertThat(Escalation.change(announced, delay(IncidentClass.DELAY, Severity.MEDIUM, 8L))).isEmpty();
    }

    @Test
    void aPredictionAfterTheCarrierAnnouncedTheDelayIsNoNews() {
        assertThat(Escalation.change(standing(IncidentClass.DELAY, Severity.MEDIUM, 20L),
                delay(IncidentClass.PREDICTED_DELAY, Severity.LOW, 40L))).isEmpty();
    }

    @Test
    void aPredictionThatOnlyMovesByHoursIsNoNews() {
        assertThat(Escalation.change(standing(IncidentClass.PREDICTED_DELAY, Severity.LOW, 10L),
                delay(IncidentClass.PREDICTED_DELAY, Severity.LOW, 14L))).isEmpty();
    }

    @Test
    void stalledThenLostEscalates() {
        assertThat(Escalation.change(standing(IncidentClass.STALLED, Severity.MEDIUM, null),
                delay(IncidentClass.LOST, Severity.HIGH, null))).contains(IncidentLifecycle.ESCALATED);
    }

    @Test
    void aHigherSeverityEscalatesAndSeverityNeverGoesDown() {
        Escalation.Standing damaged = standing(IncidentClass.DAMAGED, Severity.MEDIUM, null);
        assertThat(Escalation.change(damaged, delay(IncidentClass.DAMAGED, Severity.HIGH, null))).contains(IncidentLifecycle.ESCALATED);
        assertThat(Escalation.severity(standing(IncidentClass.DELAY, Severity.HIGH, 60L), delay(IncidentClass.DELAY, Severity.MEDIUM, 70L)))
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void aResolvedIncidentStaysResolved() {
        Escalation.Standing resolved = new Escalation.Standing(IncidentClass.DELAY, Severity.MEDIUM, 5L, IncidentLifecycle.RESOLVED);
        assertThat(Escalation.change(resolved, delay(IncidentClass.DELAY, Severity.HIGH, 90L))).isEmpty();
    }

    @Test
    void stagesOfOneProblemShareItsName() {
        assertThat(Problems.problemOf(IncidentClass.PREDICTED_DELAY)).isEqualTo(Problems.problemOf(IncidentClass.DELAY));
        assertThat(Problems.problemOf(IncidentClass.STALLED)).isEqualTo(Problems.problemOf(IncidentClass.LOST));
        assertThat(Problems.problemOf(IncidentClass.DAMAGED)).isNotEqualTo(Problems.problemOf(IncidentClass.LOST));
        assertThat(Problems.endedByDelivery(IncidentClass.DAMAGED)).isFalse();
        assertThat(Problems.endedByDelivery(IncidentClass.STALLED)).isTrue();
    }
}
