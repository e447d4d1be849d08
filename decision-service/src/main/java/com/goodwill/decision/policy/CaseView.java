package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.incident.IncidentClass;
import com.goodwill.contracts.incident.Severity;

import java.time.Instant;

/** The facts conditions are checked against: the incident's, the order's and the customer's segment. */
public record CaseView(IncidentClass incidentClass, Severity severity, Long delayHours, Double delayProbability,
                       String market, String channel, Money orderValue, String segment, Instant at) {
}
