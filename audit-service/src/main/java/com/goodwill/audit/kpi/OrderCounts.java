package com.goodwill.audit.kpi;

import java.util.Map;

/**
 * Orders placed in a period, per currency, as the denominators of goodwill per 1,000 orders: in total, and by the
 * market and channel they were placed in and the carrier(s) they were shipped with. Each map is value to currency to
 * count.
 */
public record OrderCounts(Map<String, Long> byCurrency, Map<String, Map<String, Long>> byCarrier,
                          Map<String, Map<String, Long>> byMarket, Map<String, Map<String, Long>> byChannel) {

    public static final OrderCounts NONE = new OrderCounts(Map.of(), Map.of(), Map.of(), Map.of());

    public OrderCounts {
        byCurrency = Map.copyOf(byCurrency);
        byCarrier = Map.copyOf(byCarrier);
        byMarket = Map.copyOf(byMarket);
        byChannel = Map.copyOf(byChannel);
    }
}
