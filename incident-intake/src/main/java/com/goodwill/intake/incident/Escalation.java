package com.goodwill.intake.incident;

import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.IncidentLifecycle;
import com.goodwill.contracts.incident.Severity;

import java.util.Optional;

/**
 * Whether a new detection changes an incident: it opens one where there is none, and escalates an open one
 * only when the problem got worse (a later stage, a higher severity, a longer announced or actual delay).
 * A prediction that merely moves by some hours is no news: it would page people on every scan. Anything
 * that is no news is kept as evidence only. A resolved incident stays resolved.
 */
public final class Escalation {

    /** The parts of an incident's state that the rule compares. */
    public record Standing(IncidentClass incidentClass, Severity severity, Long delayHours, IncidentLifecycle lifecycle) {
    }

    private Escalation() {
    }

    public static Optional<IncidentLifecycle> change(Standing current, Detection detection) {
        if (current == null) {
            return Optional.of(IncidentLifecycle.OPENED);
        }
        if (current.lifecycle() == IncidentLifecycle.RESOLVED) {
            return Optional.empty();
        }
        int stage = Integer.compare(Problems.stageOf(detection.incidentClass()), Problems.stageOf(current.incidentClass()));
        if (stage < 0) {
            return Optional.empty();
        }
        boolean worse = stage > 0
                || detection.severity().compareTo(current.severity()) > 0
                || (Problems.stageOf(detection.incidentClass()) > 0 && detection.delayHours() != null
                && (current.delayHours() == null || detection.delayHours() > current.delayHours()));
        return worse ? Optional.of(IncidentLifecycle.ESCALATED) : Optional.empty();
    }

    /** An escalation never lowers what was already known: severity and delay only go up. */
    public static Severity severity(Standing current, Detection detection) {
        return current == null || detection.severity().compareTo(current.severity()) > 0 ? detection.severity() : current.severity();
    }
}
