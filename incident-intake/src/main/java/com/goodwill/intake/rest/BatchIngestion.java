package com.goodwill.intake.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.intake.carrier.CarrierPayloadException;
import com.goodwill.intake.config.IntakeConfig;
import com.goodwill.intake.input.Plausibility;
import com.goodwill.intake.input.RejectedInputs;
import com.goodwill.kit.problem.Problem;
import com.goodwill.kit.problem.ProblemException;
import com.goodwill.kit.validation.FieldPaths;
import com.goodwill.kit.validation.PayloadValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Ingests one event or a JSON array of events: each item is read and validated on its own, valid
 * items are queued, and the answer says per item what happened. A single invalid event is a 400
 * problem naming its fields; an array in which nothing is valid is a 400 too.
 */
@ApplicationScoped
public class BatchIngestion {

    public static final int MAX_ITEMS = 1000;

    private final PayloadValidator validator;
    private final IntakeConfig config;
    private final RejectedInputs rejections;
    private final Clock clock;

    public BatchIngestion(PayloadValidator validator, IntakeConfig config, RejectedInputs rejections, Clock clock) {
        this.validator = validator;
        this.config = config;
        this.rejections = rejections;
        this.clock = clock;
    }

    private ProblemException rejected(String field, String message) {
        rejections.increment(List.of(new Problem.FieldError(field, message)));
        return ProblemException.badRequest(field, message);
    }

    public <T> Response ingest(JsonNode body, Class<T> type, Function<T, String> idOf,
                               Function<T, CompletionStage<Void>> publish) {
        return ingest(body, node -> List.of(EventCodec.mapper().treeToValue(node, type)), idOf, publish);
    }

    /** Reads one JSON item into the events it holds (a carrier payload may hold many). */
    @FunctionalInterface
    public interface ItemReader<T> {
        List<T> read(JsonNode item) throws JsonProcessingException;
    }

    public <T> Response ingest(JsonNode body, ItemReader<T> reader, Function<T, String> idOf,
                               Function<T, CompletionStage<Void>> publish) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw rejected("(body)", "must be a JSON object or an array of objects");
        }
        boolean single = body.isObject();
        List<JsonNode> nodes = new ArrayList<>();
        if (single) {
            nodes.add(body);
        } else {
            body.forEach(nodes::add);
        }
        if (nodes.isEmpty()) {
            throw rejected("(body)", "must hold at least one event");
        }
        if (nodes.size() > MAX_ITEMS) {
            throw rejected("(body)", "holds " + nodes.size() + " events; at most " + MAX_ITEMS + " per request");
        }

        List<IngestionReport.Item> items = new ArrayList<>();
        List<List<CompletionStage<Void>>> queued = new ArrayList<>();
        List<Integer> queuedAt = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String eventId = node.path("eventId").isTextual() ? node.get("eventId").asText() : null;
            List<Problem.FieldError> errors = new ArrayList<>();
            List<T> events = List.of();
            try {
                events = reader.read(node);
                for (int e = 0; e < events.size(); e++) {
                    String prefix = events.size() == 1 ? "" : "(event " + e + ").";
                    List<Problem.FieldError> violations = new ArrayList<>(validator.violations(events.get(e)));
                    if (violations.isEmpty()) {
                        violations.addAll(Plausibility.check(events.get(e), clock.instant()));
                    }
                    violations.forEach(v -> errors.add(new Problem.FieldError(prefix + v.field(), v.message())));
                }
            } catch (CarrierPayloadException e) {
                errors.add(new Problem.FieldError(e.field(), e.getMessage()));
            } catch (JsonMappingException e) {
                errors.add(new Problem.FieldError(FieldPaths.of(e), FieldPaths.messageOf(e)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError("(body)", e.getMessage()));
            }
            if (!errors.isEmpty()) {
                rejections.increment(errors);
                items.add(new IngestionReport.Item(i, eventId, List.of(), IngestionReport.Status.REJECTED, errors));
                continue;
            }
            queuedAt.add(i);
            queued.add(events.stream().map(publish).toList());
            List<String> ids = events.stream().map(idOf).toList();
            items.add(new IngestionReport.Item(i, ids.size() == 1 ? ids.get(0) : eventId, ids.size() == 1 ? List.of() : ids,
                    IngestionReport.Status.ACCEPTED, List.of()));
        }

        boolean notQueued = false;
        for (int q = 0; q < queued.size(); q++) {
            int index = queuedAt.get(q);
            try {
                for (CompletionStage<Void> sent : queued.get(q)) {
                    sent.toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                notQueued = true;
                IngestionReport.Item item = items.get(index);
                items.set(index, new IngestionReport.Item(index, item.eventId(), item.eventIds(), IngestionReport.Status.NOT_QUEUED,
                        List.of(new Problem.FieldError("(event)", "could not be queued, send it again: " + e))));
            }
        }

        int accepted = (int) items.stream().filter(i -> i.status() == IngestionReport.Status.ACCEPTED).count();
        int rejected = items.size() - accepted;
        if (accepted == 0 && !notQueued) {
            List<Problem.FieldError> errors = single ? items.get(0).errors() : items.stream()
                    .flatMap(item -> item.errors().stream()
                            .map(e -> new Problem.FieldError("[" + item.index() + "]"
                                    + (e.field().startsWith("(") ? "" : "." + e.field()), e.message())))
                    .toList();
            throw new ProblemException(400, "Invalid event", errors.stream()
                    .map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
        IngestionReport report = new IngestionReport(accepted, rejected, items);
        return Response.status(notQueued ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.ACCEPTED)
                .entity(report).build();
    }
}
