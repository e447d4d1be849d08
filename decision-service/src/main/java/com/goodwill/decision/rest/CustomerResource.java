package com.goodwill.decision.rest;

import com.goodwill.decision.customer.CustomerFigures;
import com.goodwill.decision.persistence.CustomerProfiles;
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

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What decision-service knows about a customer: the figures every decision reads, for support and the ops console. */
@Path("/api/customers")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    static final int RECENT_CLAIMS = 20;

    /**
     * The customer's figures as of {@code asOf}; money in minor units of {@code currency}. orders count orders placed
     * and not cancelled; returnRate = returns / orders. Claims exclude statutory remedies; {@code recentClaims} lists
     * the latest, statutory ones included and marked.
     */
    public record CustomerProfileView(String customerId, Instant asOf, String currency, Instant accountSince,
                                      Instant firstOrderAt, Instant lastOrderAt, int orders, int orders365d,
                                      long spendMinor, long spend365dMinor, long spend90dMinor, int returns,
                                      double returnRate, int claims30d, int claims90d, long claimedValue90dMinor,
                                      long goodwillLifetimeMinor, List<CustomerProfiles.Claim> recentClaims) {

        static CustomerProfileView of(CustomerFigures f, Instant asOf, List<CustomerProfiles.Claim> claims) {
            return new CustomerProfileView(f.customerId(), asOf, f.currency(), f.accountSince(), f.firstOrderAt(),
                    f.lastOrderAt(), f.orders(), f.orders365d(), f.spendMinor(), f.spend365dMinor(), f.spend90dMinor(),
                    f.returns(), f.returnRate(), f.claims30d(), f.claims90d(), f.claimedValue90dMinor(),
                    f.goodwillLifetimeMinor(), claims);
        }
    }

    private final CustomerProfiles profiles;
    private final Clock clock;

    public CustomerResource(CustomerProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @GET
    @Path("/{customerId}/profile")
    @Operation(summary = "A customer's figures (recency, frequency, spend, returns, goodwill claims) as of a moment")
    public CustomerProfileView profile(@PathParam("customerId") String customerId,
                                       @Parameter(description = "ISO-4217; default the currency of the customer's latest order")
                                       @QueryParam("currency") String currency,
                                       @Parameter(description = "ISO-8601 instant; default now")
                                       @QueryParam("at") String at) {
        if (currency != null && !currency.isBlank() && !currency.matches("[A-Z]{3}")) {
            throw ProblemException.badRequest("currency", "must be an ISO-4217 code such as EUR");
        }
        Instant asOf = instant("at", at);
        String inCurrency = currency != null && !currency.isBlank() ? currency
                : profiles.usualCurrency(customerId, asOf)
                        .orElseThrow(() -> ProblemException.notFound("decision-service knows no order or claim of customer "
                                + customerId + (at == null ? "" : " by " + asOf)));
        return CustomerProfileView.of(profiles.figures(customerId, inCurrency, asOf), asOf,
                profiles.claims(customerId, asOf, RECENT_CLAIMS));
    }

    private Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 instant such as 2026-11-17T10:00:00Z");
        }
    }
}
