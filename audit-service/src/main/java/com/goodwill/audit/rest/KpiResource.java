package com.goodwill.audit.rest;

import com.goodwill.audit.kpi.KpiReport;
import com.goodwill.audit.kpi.Kpis;
import com.goodwill.audit.kpi.ToleranceMonitor;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * What the platform learns from the ledger: resolution times and shares, goodwill per case and per 1,000 orders (per
 * currency, by carrier, reason code, market and channel; customer segment is not in the events yet), reopen and
 * repurchase rates; and the tolerance alerts raised for the CRM cockpit.
 */
@Path("/api/kpis")
@Tag(name = "KPIs")
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Set<String> DIMENSIONS = Set.of(ToleranceAlert.CARRIER, ToleranceAlert.MARKET);

    /** The alerts found, newest first. */
    public record Alerts(List<ToleranceAlert> alerts) {
    }

    private final Kpis kpis;
    private final ToleranceMonitor monitor;
    private final Clock clock;

    public KpiResource(Kpis kpis, ToleranceMonitor monitor, Clock clock) {
        this.kpis = kpis;
        this.monitor = monitor;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "KPIs of the incidents opened in [from, to): time to resolution (p50/p90/p99, histogram), shares"
            + " resolved automatically and within 1 h and 24 h, goodwill per case and per 1,000 orders per currency by"
            + " carrier, reason code, market and channel, reopen and repurchase rates")
    public KpiReport kpis(
            @Parameter(description = "incidents opened at or after, ISO-8601 (default: 30 days before to)") @QueryParam("from") String from,
            @Parameter(description = "incidents opened before, ISO-8601 (default: now)") @QueryParam("to") String to) {
        Instant toTime = instant("to", to);
        Instant end = toTime != null ? toTime : clock.instant();
        Instant fromTime = instant("from", from);
        Instant start = fromTime != null ? fromTime : end.minus(DEFAULT_PERIOD);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        return kpis.report(start, end);
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Tolerance alerts raised (a carrier's or market's incident rate over its limit), newest first")
    public Alerts alerts(
            @Parameter(description = "carrier or market") @QueryParam("dimension") String dimension,
            @Parameter(description = "the carrier or market, e.g. DHL or DE") @QueryParam("value") String value,
            @Parameter(description = "at most this many, 1 to 1000 (default 100)") @QueryParam("limit") String limit) {
        String chosenDimension = blank(dimension) ? null : dimension;
        if (chosenDimension != null && !DIMENSIONS.contains(chosenDimension)) {
            throw ProblemException.badRequest("dimension", "must be carrier or market");
        }
        int size;
        try {
            size = blank(limit) ? 100 : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be a whole number from 1 to 1000");
        }
        if (size < 1 || size > 1000) {
            throw ProblemException.badRequest("limit", "must be from 1 to 1000");
        }
        return new Alerts(monitor.alerts(chosenDimension, blank(value) ? null : value, size));
    }

    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 instant such as 2026-11-17T10:00:00Z");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
