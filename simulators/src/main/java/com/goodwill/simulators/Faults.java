package com.goodwill.simulators;

import java.util.Set;

/**
 * What the simulator is told to do wrong, set over {@code POST /admin/faults}. Rates are probabilities between 0 and 1.
 *
 * @param latencyMs          added to every answer of the business API
 * @param errorRate          answered 503 before anything is executed
 * @param lostAnswerRate     executed, then answered 500: the caller cannot know it worked (the case idempotency keys exist for)
 * @param timeoutRate        executed, then the answer is held back for {@code timeoutMs}, longer than a caller waits
 * @param timeoutMs          how long a timed-out answer is held back
 * @param outOfStockAll      the warehouse has nothing in stock
 * @param outOfStockSkus     the warehouse has none of these SKUs
 */
public record Faults(long latencyMs, double errorRate, double lostAnswerRate, double timeoutRate, long timeoutMs,
                     boolean outOfStockAll, Set<String> outOfStockSkus) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, false, Set.of());

    public Faults {
        outOfStockSkus = outOfStockSkus == null ? Set.of() : Set.copyOf(outOfStockSkus);
        if (timeoutMs <= 0) {
            timeoutMs = 5_000;
        }
    }

    public boolean outOfStock(String sku) {
        return outOfStockAll || outOfStockSkus.contains(sku);
    }
}
