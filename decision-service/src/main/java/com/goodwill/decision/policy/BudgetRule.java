package com.goodwill.decision.policy;

import com.goodwill.contracts.incident.IncidentClass;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Map;

/**
 * A monthly goodwill budget for one channel x segment x incident class ({@code *} for any). A decision draws on the
 * first budget of the policy that matches it, so specific budgets go before general ones.
 *
 * @param baseMinor      the month's base limit per currency
 * @param revenuePercent added to the base: this share of the month's order revenue of the channel in that currency
 * @param whenExhausted  what a decision gets when its amount no longer fits
 */
public record BudgetRule(String channel, String segment, String incidentClass, String owner,
                         Map<String, Long> baseMinor, BigDecimal revenuePercent, Exhaustion whenExhausted) {

    public enum Exhaustion {
        /** Step down to a cheaper candidate that fits (ultimately an apology). */
        CHEAPER_INSTRUMENT,
        /** Keep the remedy, but a supervisor must approve spending beyond the budget. */
        APPROVAL,
        /** Apologise; no money is granted. */
        APOLOGY_ONLY
    }

    public boolean matches(String channel, String segment, IncidentClass incidentClass) {
        return any(this.channel, channel) && any(this.segment, segment) && any(this.incidentClass, incidentClass.name());
    }

    /**
     * {@code <month>/<channel>/<segment>/<incident class>/<currency>}, e.g. {@code 2026-11/web/*}{@code /DELAY/EUR}:
     * one budget row per currency, since a limit in one currency says nothing about another.
     */
    public String budgetId(YearMonth month, String currency) {
        return month + "/" + channel + "/" + segment + "/" + incidentClass + "/" + currency;
    }

    public long limitMinor(String currency, long monthRevenueMinor) {
        long base = PerCurrency.of(baseMinor, currency, 0);
        BigDecimal share = revenuePercent == null ? BigDecimal.ZERO : revenuePercent;
        return base + BigDecimal.valueOf(monthRevenueMinor).multiply(share)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).longValueExact();
    }

    private static boolean any(String rule, String value) {
        return "*".equals(rule) || rule.equals(value);
    }
}
