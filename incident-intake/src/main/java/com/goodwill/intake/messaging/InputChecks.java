package com.goodwill.intake.messaging;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.intake.input.Plausibility;
import com.goodwill.intake.input.RejectedInputs;
import com.goodwill.kit.problem.Problem;
import com.goodwill.kit.validation.PayloadValidator;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** What a consumed record must pass before it changes state; a record that fails is dead-lettered and counted. */
@ApplicationScoped
class InputChecks {

    private final PayloadValidator validator;
    private final RejectedInputs rejections;
    private final Clock clock;

    InputChecks(PayloadValidator validator, RejectedInputs rejections, Clock clock) {
        this.validator = validator;
        this.rejections = rejections;
        this.clock = clock;
    }

    <T> T requirePlausible(T event) {
        validator.requireValid(event);
        List<Problem.FieldError> errors = Plausibility.check(event, clock.instant());
        if (!errors.isEmpty()) {
            throw new MalformedEventException(errors.stream().map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
        }
        return event;
    }

    /** Runs the handling; a malformed record is counted once on its way to the dead-letter topic. */
    void counted(Runnable handling) {
        try {
            handling.run();
        } catch (MalformedEventException e) {
            rejections.count("kafka", RejectedInputs.Reason.MALFORMED_RECORD);
            throw e;
        }
    }
}
