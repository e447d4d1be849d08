package com.goodwill.intake.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.goodwill.kit.problem.Problem;

import java.util.List;

/** The answer to an ingestion request: per item, whether it was accepted and, if not, why. */
public record IngestionReport(int accepted, int rejected, List<Item> items) {

    public enum Status { ACCEPTED, REJECTED, NOT_QUEUED }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    /**
     * @param eventId  the event's id (for a carrier payload that holds one event, that event's)
     * @param eventIds for a carrier payload that holds several events, the id of each
     */
    public record Item(int index, String eventId, List<String> eventIds, Status status, List<Problem.FieldError> errors) {
    }
}
