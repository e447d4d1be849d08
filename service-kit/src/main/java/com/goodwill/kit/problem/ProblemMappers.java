package com.goodwill.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns bad input into RFC 9457 problem responses that name each bad field, for every service alike.
 */
public class ProblemMappers {

    private static final String VALIDATION_TYPE = "https://goodwill.example/problems/invalid-request";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(new Problem(VALIDATION_TYPE, "Invalid request", 400, detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        message = cut > 0 ? message.substring(0, cut) : message;
        List<Problem.FieldError> errors = new ArrayList<>();
        errors.add(new Problem.FieldError(field.isEmpty() ? "(body)" : field, message));
        return problem(new Problem(VALIDATION_TYPE, "Unreadable request body", 400,
                (field.isEmpty() ? "body" : field) + ": " + message, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return problem(new Problem(VALIDATION_TYPE, "Malformed JSON", 400, e.getOriginalMessage(), uri.getPath(),
                List.of(new Problem.FieldError("(body)", "is not valid JSON"))));
    }

    @ServerExceptionMapper
    public Response explicit(ProblemException e, UriInfo uri) {
        return problem(new Problem(VALIDATION_TYPE, e.title(), e.status(), e.getMessage(), uri.getPath(), e.errors()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The path a client recognises: without the Java method and parameter names. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                if (!parts.isEmpty()) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                }
                if (!name.isEmpty()) {
                    parts.add(name);
                }
                continue;
            }
            if (!name.isEmpty()) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? "(body)" : String.join(".", parts);
    }
}
