package com.goodwill.decision.budget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BudgetMonthTest {

    @Test
    void theMonthIsTheIdsFirstSegment() {
        assertThat(BudgetMonth.of("2026-11/web/*/DELAY")).isEqualTo(YearMonth.of(2026, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web/*/DELAY", "2026-13/web", "2026-1/web", "2026-11", "", "202611/web/x"})
    void anIdWithoutItsMonthIsRefused(String budgetId) {
        assertThatIllegalArgumentException().isThrownBy(() -> BudgetMonth.of(budgetId)).withMessageContaining("month");
    }
}
