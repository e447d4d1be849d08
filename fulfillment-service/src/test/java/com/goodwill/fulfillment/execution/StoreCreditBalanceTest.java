package com.goodwill.fulfillment.execution;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.goodwill.fulfillment.execution.StoreCreditBalance.Direction.CREDIT;
import static com.goodwill.fulfillment.execution.StoreCreditBalance.Direction.DEBIT;
import static org.assertj.core.api.Assertions.assertThat;

class StoreCreditBalanceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static StoreCreditBalance.Movement m(StoreCreditBalance.Direction d, long amount, int day, Integer expiresDay) {
        return new StoreCreditBalance.Movement(d, amount, "EUR", T0.plusSeconds(86_400L * day),
                expiresDay == null ? null : T0.plusSeconds(86_400L * expiresDay));
    }

    @Test
    void balanceIsCreditsMinusDebits() {
        assertThat(StoreCreditBalance.at(List.of(m(CREDIT, 650, 0, null), m(CREDIT, 200, 1, null), m(DEBIT, 500, 2, null)),
                T0.plusSeconds(86_400L * 3))).containsEntry("EUR", 350L);
    }

    @Test
    void expiredCreditNoLongerCounts() {
        List<StoreCreditBalance.Movement> movements = List.of(m(CREDIT, 1000, 0, 30), m(CREDIT, 300, 0, null));
        assertThat(StoreCreditBalance.at(movements, T0.plusSeconds(86_400L * 29))).containsEntry("EUR", 1300L);
        assertThat(StoreCreditBalance.at(movements, T0.plusSeconds(86_400L * 30))).containsEntry("EUR", 300L);
    }

    @Test
    void aRedemptionUsesTheCreditThatExpiresSoonestFirst() {
        // 400 of the expiring 1000 are spent before it lapses; the lasting 300 stay whole.
        List<StoreCreditBalance.Movement> movements = List.of(m(CREDIT, 300, 0, null), m(CREDIT, 1000, 0, 30),
                m(DEBIT, 400, 10, null));
        assertThat(StoreCreditBalance.at(movements, T0.plusSeconds(86_400L * 20))).containsEntry("EUR", 900L);
        assertThat(StoreCreditBalance.at(movements, T0.plusSeconds(86_400L * 31))).containsEntry("EUR", 300L);
    }
}
