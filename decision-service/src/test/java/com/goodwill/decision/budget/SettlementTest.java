package com.goodwill.decision.budget;

import com.goodwill.decision.budget.Settlement.CommandState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

class SettlementTest {

    @ParameterizedTest(name = "{0}: state {1}, share {2}, registered {3}, held {4}, executed {5}, others open {6}")
    @CsvSource(nullValues = "-", value = {
            // case,                                    state,    share, registered, held, actual, othersOpen, unreserved, consumed, released
            "single command executed in full,           -,        0,     false,      650,  650,    false,      650,        650,      0",
            "single command cheaper fallback,           -,        0,     false,      650,  400,    false,      650,        400,      250",
            "single command dearer fallback,            -,        0,     false,      650,  900,    false,      650,        900,      0",
            "single command failed,                     -,        0,     false,      650,  0,      false,      650,        0,        650",
            "first of two registered commands,          OPEN,     500,   true,       700,  500,    true,       500,        500,      0",
            "last of two registered commands,           OPEN,     200,   true,       200,  150,    false,      200,        150,      50",
            "last command frees the unassigned rest,    OPEN,     200,   true,       300,  200,    false,      300,        200,      100",
            "share larger than still held,              OPEN,     500,   true,       300,  500,    true,       300,        500,      0",
            "executed after its release,                RELEASED, 500,   true,       0,    500,    false,      0,          500,      0",
            "unregistered extra command,                -,        0,     true,       200,  100,    true,       0,          100,      0",
            "nothing reserved (refused) then executed, -,        0,     false,      0,    300,    false,      0,          300,      0",
    })
    void settlesTheCommandsShare(String name, CommandState state, long share, boolean registered, long held, long actual,
                                 boolean othersOpen, long unreserved, long consumed, long released) {
        assertThat(Settlement.of(state, share, registered, held, actual, othersOpen))
                .isEqualTo(new Settlement(unreserved, consumed, released));
    }

    @ParameterizedTest
    @CsvSource({"650, 650", "650, 0"})
    void aConsumedCommandIsNotSettledAgain(long held, long actual) {
        assertNull(Settlement.of(CommandState.CONSUMED, 650, true, held, actual, false));
    }
}
