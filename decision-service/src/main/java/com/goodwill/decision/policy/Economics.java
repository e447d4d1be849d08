package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.incident.Severity;
import com.goodwill.decision.customer.CustomerFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The customer-lifetime-value estimate and the economic rule of the goodwill policy: a remedy is granted only when
 * the expected CLV with it minus the expected CLV without it exceeds what it costs.
 *
 * <ul>
 *   <li>annual value = the customer's order value of the last 365 days, at least the current order's value times
 *       {@code newCustomerOrdersPerYear} (a customer without history is valued by the order in hand);</li>
 *   <li>CLV = annual value x {@code marginPercent} x {@code lifetimeYears};</li>
 *   <li>without a remedy the incident costs CLV x {@code churnPercent[severity]}; a remedy wins back
 *       {@code recoveryPercent[instrument]} of that;</li>
 *   <li>the remedy costs its amount x {@code costPercent[instrument]} (a store credit costs less than its face value).</li>
 * </ul>
 */
public record Economics(BigDecimal marginPercent, BigDecimal lifetimeYears, BigDecimal newCustomerOrdersPerYear,
                        Map<Severity, BigDecimal> churnPercent, Map<Instrument, InstrumentEconomics> instruments) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public record InstrumentEconomics(BigDecimal costPercent, BigDecimal recoveryPercent) {
    }

    public long clvMinor(CustomerFigures figures, Money orderValue) {
        long annual = Math.max(figures.spend365dMinor(),
                BigDecimal.valueOf(orderValue.amountMinor()).multiply(newCustomerOrdersPerYear).longValue());
        return BigDecimal.valueOf(annual).multiply(marginPercent).multiply(lifetimeYears)
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** What the remedy is expected to keep: CLV x churn risk of the incident x the instrument's recovery. */
    public long keptMinor(long clvMinor, Severity severity, Instrument instrument) {
        BigDecimal churn = churnPercent.getOrDefault(severity, BigDecimal.ZERO);
        InstrumentEconomics economics = instruments.get(instrument);
        BigDecimal recovery = economics == null ? BigDecimal.ZERO : economics.recoveryPercent();
        return BigDecimal.valueOf(clvMinor).multiply(churn).multiply(recovery)
                .divide(HUNDRED.multiply(HUNDRED), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** What granting {@code amountMinor} of the instrument costs the business. */
    public long costMinor(Instrument instrument, long amountMinor) {
        InstrumentEconomics economics = instruments.get(instrument);
        BigDecimal cost = economics == null ? HUNDRED : economics.costPercent();
        return BigDecimal.valueOf(amountMinor).multiply(cost).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }
}
