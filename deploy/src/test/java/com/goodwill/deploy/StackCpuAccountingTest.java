package com.goodwill.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How the benchmark counts the CPU of PostgreSQL's ended children (autovacuum workers, closed backends). */
class StackCpuAccountingTest {

    @Test
    void endedChildrenCpuIsTheReapedUserAndSystemTicksAtOneHundredthOfASecondEach() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "28821 (postgres) S 28790 28821 28821 0 -1 4194560 9000 120000 0 3 12 14 7261 836 20 0 1 0 507";

        assertThat(LocalStack.endedChildrenCpu(stat)).isEqualTo(Duration.ofMillis((7261 + 836) * 10L));
    }

    @Test
    void aCommandNameWithSpacesOrParenthesesDoesNotShiftTheFields() {
        String stat = "42 (post gres (x)) R 1 42 42 0 -1 0 0 0 0 0 5 6 300 45 20 0 1 0 99";

        assertThat(LocalStack.endedChildrenCpu(stat)).isEqualTo(Duration.ofMillis(3_450));
    }

    @Test
    void theRunningProcessesOwnLineIsReadable() throws Exception {
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));

        assertThat(LocalStack.endedChildrenCpu(self)).isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
