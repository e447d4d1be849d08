package com.goodwill.kit.validation;

import com.goodwill.contracts.envelope.MalformedEventException;
import com.goodwill.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Checks an event payload against the constraints declared on its contract record. */
@ApplicationScoped
public class PayloadValidator {

    private final Validator validator;

    public PayloadValidator(Validator validator) {
        this.validator = validator;
    }

    /** The violations, each naming its field; empty when the payload is valid. */
    public List<Problem.FieldError> violations(Object payload) {
        return validator.validate(payload).stream()
                .map(v -> new Problem.FieldError(FieldPaths.of(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    /** For consumers: a payload that breaks its contract goes to the dead-letter topic with this reason. */
    public <T> T requireValid(T payload) {
        List<Problem.FieldError> errors = violations(payload);
        if (!errors.isEmpty()) {
            throw new MalformedEventException("invalid " + payload.getClass().getSimpleName() + ": "
                    + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        }
        return payload;
    }
}
