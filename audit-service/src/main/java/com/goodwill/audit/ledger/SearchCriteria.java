package com.goodwill.audit.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What a ledger search asks for; every filter is optional and they all must hold.
 *
 * @param from  event time at or after (inclusive)
 * @param to    event time before (exclusive)
 * @param types any of these CloudEvents types; empty means every type
 */
public record SearchCriteria(Instant from, Instant to, List<String> types, String carrier, String reasonCode,
                             String market, String orderId, String customerId) {

    public SearchCriteria {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
