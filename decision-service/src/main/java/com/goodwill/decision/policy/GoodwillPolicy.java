package com.goodwill.decision.policy;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.DecisionOutcome;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.incident.Incident;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns an incident into a decision. Plain Java, no framework: the whole rule is here.
 * A broken promise never gets silence: when the credit would round to nothing, or to less than the policy
 * thinks worth granting, the customer still gets an apology.
 */
public final class GoodwillPolicy {

    static final String AUTO_TIER = "AUTO";

    private final StoreCreditRule rule;

    public GoodwillPolicy(StoreCreditRule rule) {
        this.rule = rule;
    }

    public PolicyDecision decide(Incident incident) {
        Money orderValue = incident.order().orderValue();
        long share = BigDecimal.valueOf(orderValue.amountMinor())
                .multiply(BigDecimal.valueOf(rule.percent()))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .longValueExact();
        long cap = rule.capFor(orderValue.currency());
        long credit = Math.min(share, cap);
        String what = describe(incident);
        if (credit <= 0 || credit < rule.apologyBelowMinor()) {
            return new PolicyDecision(DecisionOutcome.COMPENSATE, Instrument.APOLOGY,
                    Money.of(0, orderValue.currency()), AUTO_TIER, "APOLOGY_ONLY_NO_VALUE",
                    "We apologise that " + what + ".");
        }
        // Capped only when the cap took something away; a share that lands exactly on the cap is the share.
        boolean capped = share > cap;
        String reason = capped ? "STORE_CREDIT_CAPPED" : "STORE_CREDIT_SHARE_OF_ORDER";
        return new PolicyDecision(DecisionOutcome.COMPENSATE, Instrument.STORE_CREDIT,
                Money.of(credit, orderValue.currency()), AUTO_TIER, reason,
                "Because " + what + ", we add " + format(credit, orderValue.currency()) + " store credit ("
                        + rule.percent() + " % of the order value" + (capped ? ", capped" : "") + ").");
    }

    private static String describe(Incident incident) {
        return switch (incident.incidentClass()) {
            case DELAY, PREDICTED_DELAY -> "order " + incident.orderId() + " arrives "
                    + (incident.delayHours() == null ? "" : "about " + incident.delayHours() + " h ") + "later than promised";
            default -> "order " + incident.orderId() + " ran into a problem ("
                    + incident.incidentClass().name().toLowerCase().replace('_', ' ') + ")";
        };
    }

    private static String format(long minor, String currency) {
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor, Math.max(digits, 0)).toPlainString() + " " + currency;
    }
}
