package com.goodwill.intake.input;

import com.goodwill.kit.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Counts every rejected input, by the way it came in and why (one of a few reasons, so the metric stays
 * small): nothing is refused without a trace in {@code goodwill_intake_rejected_total}.
 */
@ApplicationScoped
public class RejectedInputs {

    public enum Reason { INVALID_FIELD, UNREADABLE, IMPLAUSIBLE, UNKNOWN_FORMAT, MALFORMED_RECORD }

    private final MeterRegistry metrics;

    public RejectedInputs(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void count(String channel, Reason reason) {
        metrics.counter("goodwill.intake.rejected", "channel", channel, "reason", reason.name()).increment();
    }

    /** A REST item rejected with these field errors. */
    public void increment(List<Problem.FieldError> errors) {
        boolean unreadable = errors.stream().anyMatch(e -> e.field().startsWith("("));
        boolean implausible = errors.stream().anyMatch(e -> e.message().startsWith(Plausibility.IMPLAUSIBLE));
        count("rest", unreadable ? Reason.UNREADABLE : implausible ? Reason.IMPLAUSIBLE : Reason.INVALID_FIELD);
    }
}
