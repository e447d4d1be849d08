package com.goodwill.contracts.incident;

import com.goodwill.contracts.EventTypes;

/** The changes in an incident's life; each is its own CloudEvents type. */
public enum IncidentLifecycle {
    /** First detected. */
    OPENED,
    /** The same problem got worse: a higher class in its family, a higher severity or a longer delay. */
    ESCALATED,
    /** The problem is over (the parcel arrived); a resolved incident is never reopened. */
    RESOLVED;

    public String cloudEventType() {
        return switch (this) {
            case OPENED -> EventTypes.INCIDENT_OPENED;
            case ESCALATED -> EventTypes.INCIDENT_ESCALATED;
            case RESOLVED -> EventTypes.INCIDENT_RESOLVED;
        };
    }
}
