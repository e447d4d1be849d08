package com.goodwill.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import com.goodwill.kit.validation.FieldPaths;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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
                .map(v -> new Problem.FieldError(FieldPaths.of(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(new Problem(VALIDATION_TYPE, "Invalid request", 400, detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = FieldPaths.of(e);
        String message = FieldPaths.messageOf(e);
        return problem(new Problem(VALIDATION_TYPE, "Unreadable request body", 400, field + ": " + message,
                uri.getPath(), List.of(new Problem.FieldError(field, message))));
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

    /** Whatever else the HTTP layer refuses (unreadable body, unknown path, wrong method) also answers as a problem. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR) {
            return e.getResponse();
        }
        String title = status == 400 ? "Malformed JSON or unreadable body" : Response.Status.fromStatusCode(status) == null
                ? "Request refused" : Response.Status.fromStatusCode(status).getReasonPhrase();
        List<Problem.FieldError> errors = status == 400
                ? List.of(new Problem.FieldError("(body)", "could not be read: " + e.getMessage()))
                : List.of();
        return problem(new Problem(VALIDATION_TYPE, title, status, e.getMessage(), uri.getPath(), errors));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
