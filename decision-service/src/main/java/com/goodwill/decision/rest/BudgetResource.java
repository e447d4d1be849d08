package com.goodwill.decision.rest;

import com.goodwill.decision.budget.BudgetEntry;
import com.goodwill.decision.budget.BudgetLedger;
import com.goodwill.decision.budget.BudgetMonth;
import com.goodwill.decision.budget.BudgetStanding;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Burn per goodwill budget, for finance and ops. Budget ids contain slashes ({@code 2026-11/web/*}{@code /DELAY});
 * they go into the path as they are.
 */
@Path("/api/budgets")
@Tag(name = "Budgets")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /**
     * A budget as it stands. available = limit - reserved - consumed (negative when executions cost more than was
     * reserved); burnPercent = consumed / limit, committedPercent = (reserved + consumed) / limit, null for a zero limit.
     */
    public record BudgetView(String budgetId, YearMonth month, String owner, String currency, long limitMinor,
                             long reservedMinor, long consumedMinor, long availableMinor, BigDecimal burnPercent,
                             BigDecimal committedPercent) {

        static BudgetView of(BudgetStanding b) {
            return new BudgetView(b.budgetId(), BudgetMonth.of(b.budgetId()), b.owner(), b.currency(), b.limitMinor(),
                    b.reservedMinor(), b.consumedMinor(), b.availableMinor(), percent(b.consumedMinor(), b.limitMinor()),
                    percent(b.reservedMinor() + b.consumedMinor(), b.limitMinor()));
        }

        static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        }
    }

    /** One page of a budget's entries; {@code next} is the {@code after} of the next page, null on the last page. */
    public record EntriesPage(List<BudgetEntry> entries, Long next) {
    }

    private final BudgetLedger ledger;
    private final Clock clock;

    public BudgetResource(BudgetLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Burn of every budget of a month")
    public List<BudgetView> month(@Parameter(description = "YYYY-MM, default the current month (UTC)")
                                  @QueryParam("month") String month) {
        return ledger.month(parseMonth(month)).stream().map(BudgetView::of).toList();
    }

    // Declared before the single budget: the longer literal suffix wins, so ".../entries" is never taken for an id.
    @GET
    @Path("/{budgetId: .+}/entries")
    @Operation(summary = "Every reservation, refusal, release and consumption of a budget, oldest first")
    public EntriesPage entries(@PathParam("budgetId") String budgetId,
                               @Parameter(description = "the last entry id seen (the previous page's next)")
                               @QueryParam("after") String after,
                               @Parameter(description = "entries per page, 1 to 1000 (default 100)")
                               @QueryParam("limit") String limit) {
        long afterId = number("after", after, 0, Long.MAX_VALUE, 0);
        int pageSize = (int) number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (ledger.standing(budgetId).isEmpty()) {
            throw ProblemException.notFound("There is no budget " + budgetId);
        }
        // One more than asked tells whether another page follows.
        List<BudgetEntry> found = ledger.entries(budgetId, afterId, pageSize + 1);
        List<BudgetEntry> page = found.stream().limit(pageSize).toList();
        return new EntriesPage(page, found.size() > pageSize ? page.get(page.size() - 1).entryId() : null);
    }

    @GET
    @Path("/{budgetId: .+}")
    @Operation(summary = "One budget as it stands")
    public BudgetView one(@PathParam("budgetId") String budgetId) {
        return ledger.standing(budgetId).map(BudgetView::of)
                .orElseThrow(() -> ProblemException.notFound("There is no budget " + budgetId));
    }

    private YearMonth parseMonth(String value) {
        if (value == null || value.isBlank()) {
            return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("month", "must be a month such as 2026-11 (YYYY-MM)");
        }
    }

    static long number(String name, String value, long min, long max, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number");
        }
    }
}
