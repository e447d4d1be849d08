package com.goodwill.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.ledger.EntryFacets;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerExport;
import com.goodwill.audit.ledger.LedgerSearch;
import com.goodwill.audit.ledger.SearchCriteria;
import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.audit.persistence.LedgerFacetEntity;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Searching the ledger by its entries' facts: a page at a time as JSON, or the whole matching range streamed as
 * CSV (for spreadsheets) or as JSON Lines in the export's format (each line carries what its hash was taken over).
 */
@Path("/api/ledger/entries")
@Tag(name = "Ledger")
public class LedgerSearchResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int EXPORT_PAGE = 1000;
    private static final String CSV = "text/csv";
    private static final String JSON_LINES = "application/x-ndjson";
    private static final List<String> CSV_HEADER = List.of("sequence", "time", "type", "source", "subject", "eventId",
            "orderId", "customerId", "incidentId", "decisionId", "carrier", "trackingNumber", "market", "reasonCode",
            "incidentClass", "correlationId", "causationId", "entryHash", "data");

    /** One entry found: what happened, who or what did it (source), its facts and its place in the chain. */
    public record FoundEntry(long sequence, Instant time, String type, String source, String subject, String eventId,
                             String correlationId, String causationId, EntryFacets facts, JsonNode data,
                             String entryHash) {
    }

    /** One page; {@code next} is the {@code after} of the next page, null on the last page. */
    public record EntriesPage(List<FoundEntry> entries, Long next) {
    }

    private final LedgerSearch search;
    private final LedgerExport exporter;

    public LedgerSearchResource(LedgerSearch search, LedgerExport exporter) {
        this.search = search;
        this.exporter = exporter;
    }

    // Here and not in LedgerResource: a request under /api/ledger/entries is matched to this class alone (the
    // longest root path wins), so a method for /entries/{sequence} anywhere else is never reached.
    @GET
    @Path("/{sequence}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One entry as exported (a line of the export): the input of the offline verifier's entry mode")
    public ExportedEntry entry(@PathParam("sequence") long sequence) {
        List<ExportedEntry> page = exporter.page(sequence, 1);
        if (page.isEmpty() || page.get(0).sequence() != sequence) {
            throw ProblemException.notFound("There is no ledger entry with sequence " + sequence);
        }
        return page.get(0);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, JSON_LINES})
    @Operation(summary = "Search ledger entries by time, type, carrier, reason code, market, order or customer;"
            + " JSON pages by sequence, or the whole matching range as CSV or JSON Lines")
    public Response entries(
            @Parameter(description = "event time at or after, ISO-8601 (2026-11-17T10:00:00Z)") @QueryParam("from") String from,
            @Parameter(description = "event time before, ISO-8601") @QueryParam("to") String to,
            @Parameter(description = "CloudEvents type; repeat for several") @QueryParam("type") List<String> types,
            @QueryParam("carrier") String carrier,
            @QueryParam("reasonCode") String reasonCode,
            @QueryParam("market") String market,
            @QueryParam("orderId") String orderId,
            @QueryParam("customerId") String customerId,
            @Parameter(description = "the last sequence seen (the previous page's next)") @QueryParam("after") String after,
            @Parameter(description = "entries per JSON page, 1 to 1000 (default 100); exports stream everything")
            @QueryParam("limit") String limit,
            @Parameter(description = "json (default), csv or jsonl") @QueryParam("format") String format) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        List<String> typeList = new ArrayList<>();
        for (String type : types == null ? List.<String>of() : types) {
            if (blank(type)) {
                continue;
            }
            if (!LedgerSearch.EVENT_TYPES.contains(type)) {
                throw ProblemException.badRequest("type", "unknown event type '" + type + "'; one of "
                        + LedgerSearch.EVENT_TYPES.stream().sorted().toList());
            }
            typeList.add(type);
        }
        long afterSequence = number("after", after, 0, Long.MAX_VALUE, 0);
        int pageSize = (int) number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        SearchCriteria criteria = new SearchCriteria(fromTime, toTime, typeList, orNull(carrier), orNull(reasonCode),
                orNull(market), orNull(orderId), orNull(customerId));

        String chosen = blank(format) ? "json" : format;
        return switch (chosen) {
            case "json" -> Response.ok(page(criteria, afterSequence, pageSize), MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(stream(criteria, afterSequence, true), CSV + "; charset=UTF-8; header=present")
                    .header("Content-Disposition", "attachment; filename=\"ledger-entries.csv\"").build();
            case "jsonl" -> Response.ok(stream(criteria, afterSequence, false), JSON_LINES)
                    .header("Content-Disposition", "attachment; filename=\"ledger-entries.jsonl\"").build();
            default -> throw ProblemException.badRequest("format", "must be json, csv or jsonl");
        };
    }

    private EntriesPage page(SearchCriteria criteria, long after, int limit) {
        // One more than asked tells whether another page follows, so the last page says so.
        List<LedgerSearch.Found> found = search.page(criteria, after, limit + 1);
        boolean more = found.size() > limit;
        List<FoundEntry> entries = found.stream().limit(limit).map(LedgerSearchResource::entry).toList();
        return new EntriesPage(entries, more ? entries.get(entries.size() - 1).sequence() : null);
    }

    /** The whole matching range, page by page, each page in its own short transaction. */
    private StreamingOutput stream(SearchCriteria criteria, long after, boolean csv) {
        return output -> {
            if (csv) {
                write(output, Csv.line(CSV_HEADER));
            }
            long from = after;
            while (true) {
                List<LedgerSearch.Found> page = search.page(criteria, from, EXPORT_PAGE);
                for (LedgerSearch.Found found : page) {
                    if (csv) {
                        write(output, Csv.line(csvFields(found)));
                    } else {
                        output.write(EventCodec.mapper().writeValueAsBytes(ExportedEntry.of(found.entry())));
                        output.write('\n');
                    }
                }
                if (page.size() < EXPORT_PAGE) {
                    return;
                }
                from = page.get(page.size() - 1).entry().sequence;
            }
        };
    }

    private static List<String> csvFields(LedgerSearch.Found found) {
        FoundEntry e = entry(found);
        EntryFacets f = e.facts();
        return Arrays.asList(String.valueOf(e.sequence()), Objects.toString(e.time(), null), e.type(),
                e.source(), e.subject(), e.eventId(), f.orderId(), f.customerId(), f.incidentId(), f.decisionId(),
                f.carrier(), f.trackingNumber(), f.market(), f.reasonCode(), f.incidentClass(), e.correlationId(),
                e.causationId(), e.entryHash(), e.data() == null ? null : e.data().toString());
    }

    private static FoundEntry entry(LedgerSearch.Found found) {
        LedgerEntryEntity e = found.entry();
        LedgerFacetEntity f = found.facets();
        JsonNode data = e.data();
        return new FoundEntry(e.sequence, e.eventTime, e.eventType, e.source, e.subject, e.eventId, e.correlationId,
                e.causationId, new EntryFacets(f.orderId, f.customerId, f.incidentId, f.decisionId, f.carrier,
                f.trackingNumber, f.market, f.reasonCode, f.incidentClass), data, e.entryHash.trim());
    }

    private static void write(OutputStream output, String text) throws IOException {
        output.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 instant such as 2026-11-17T10:00:00Z");
        }
    }

    private static long number(String name, String value, long min, long max, long absent) {
        if (blank(value)) {
            return absent;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.badRequest(name, "must be from " + min + " to " + max);
        }
        return parsed;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orNull(String value) {
        return blank(value) ? null : value;
    }
}
