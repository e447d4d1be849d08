package com.goodwill.fulfillment.execution;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VoucherCodesTest {

    @Test
    void codesAreWellFormedAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = VoucherCodes.next();
            assertThat(VoucherCodes.wellFormed(code)).as(code).isTrue();
            assertThat(seen.add(code)).as("repeated " + code).isTrue();
        }
        assertThat(VoucherCodes.wellFormed("GW-IIII-0000-0000-0000")).isFalse();
        assertThat(VoucherCodes.wellFormed("guess")).isFalse();
    }
}
