package com.goodwill.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading {@code /proc/<pid>/stat}: the fields the benchmarks' CPU figures come from. */
class ProcessStatTest {

    @Test
    void ownAndReapedChildrenCpuAreUserPlusSystemTicksAtOneHundredthOfASecondEach() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        ProcessStat stat = ProcessStat.parse("28821 (postgres) S 28790 28821 28821 0 -1 4194560 9000 120000 0 3 12 14 7261 836 20 0 1 0 507");

        assertEquals("postgres", stat.name());
        assertEquals(28790, stat.ppid());
        assertEquals(Duration.ofMillis((12 + 14) * 10L), stat.ownCpu());
        assertEquals(Duration.ofMillis((7261 + 836) * 10L), stat.reapedChildrenCpu());
    }

    @Test
    void aNameWithSpacesOrParenthesesDoesNotShiftTheFields() {
        ProcessStat stat = ProcessStat.parse("42 (post gres (x)) R 1 42 42 0 -1 0 0 0 0 0 5 6 300 45 20 0 1 0 99");

        assertEquals("post gres (x)", stat.name());
        assertEquals(1, stat.ppid());
        assertEquals(Duration.ofMillis(110), stat.ownCpu());
        assertEquals(Duration.ofMillis(3_450), stat.reapedChildrenCpu());
    }

    @Test
    void theRunningProcessReadsItsOwnLineAndAnEndedOneReadsAsEmpty() {
        ProcessStat self = ProcessStat.of(ProcessHandle.current().pid()).orElseThrow();

        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), self.ppid());
        assertTrue(ProcessStat.read(Path.of("/proc/no-such-process/stat")).isEmpty());
    }
}
