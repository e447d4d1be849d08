package com.goodwill.fulfillment.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's store-credit balance, derived from the entries of the customer's account alone: credits are grants
 * (each may expire), debits are redemptions. A redemption uses the credit that expires soonest first, so credit that
 * lapses unused is the credit the customer could least have used anyway; what has expired no longer counts.
 */
public final class StoreCreditBalance {

    public enum Direction { CREDIT, DEBIT }

    /** One entry on the customer's account. */
    public record Movement(Direction direction, long amountMinor, String currency, Instant bookedAt, Instant expiresAt) {
    }

    private StoreCreditBalance() {
    }

    /** Available balance per currency at {@code now}. */
    public static Map<String, Long> at(List<Movement> movements, Instant now) {
        List<Movement> ordered = new ArrayList<>(movements);
        // Credits before debits of the same instant: a grant and its immediate use book in one breath.
        ordered.sort(Comparator.comparing(Movement::bookedAt).thenComparing(m -> m.direction() == Direction.DEBIT));
        Map<String, List<Lot>> lots = new TreeMap<>();
        for (Movement m : ordered) {
            if (m.bookedAt().isAfter(now)) {
                continue;
            }
            List<Lot> open = lots.computeIfAbsent(m.currency(), c -> new ArrayList<>());
            if (m.direction() == Direction.CREDIT) {
                open.add(new Lot(m.amountMinor(), m.expiresAt()));
                continue;
            }
            long toDebit = m.amountMinor();
            open.sort(Comparator.comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder())));
            for (Lot lot : open) {
                if (toDebit == 0) {
                    break;
                }
                if (lot.expiresAt != null && !lot.expiresAt.isAfter(m.bookedAt())) {
                    continue;
                }
                long used = Math.min(lot.remaining, toDebit);
                lot.remaining -= used;
                toDebit -= used;
            }
        }
        Map<String, Long> balance = new TreeMap<>();
        lots.forEach((currency, open) -> {
            long sum = open.stream().filter(l -> l.expiresAt == null || l.expiresAt.isAfter(now))
                    .mapToLong(l -> l.remaining).sum();
            if (sum > 0 || !open.isEmpty()) {
                balance.put(currency, sum);
            }
        });
        return balance;
    }

    private static final class Lot {
        long remaining;
        final Instant expiresAt;

        Lot(long remaining, Instant expiresAt) {
            this.remaining = remaining;
            this.expiresAt = expiresAt;
        }

        Instant expiresAt() {
            return expiresAt;
        }
    }
}
