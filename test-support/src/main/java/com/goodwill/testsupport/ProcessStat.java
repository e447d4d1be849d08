package com.goodwill.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat} (or {@code /proc/<pid>/task/<tid>/stat}), as far as the benchmarks need it: the
 * process's name and parent, its own CPU time and the CPU time of its children that have ended. Linux only.
 *
 * @param name     the command (or thread) name, at most 15 characters
 * @param ppid     the parent's process id
 * @param ownTicks user + system time of the process itself, in clock ticks
 * @param reapedChildrenTicks user + system time of its children that ended and were reaped (the kernel adds their time
 *                 to the parent's account then; a child that is still running is not in it), in clock ticks
 */
public record ProcessStat(String name, long ppid, long ownTicks, long reapedChildrenTicks) {

    /** {@code /proc}'s unit of CPU time (USER_HZ), 100 per second on Linux whatever the kernel's own tick rate. */
    private static final Duration TICK = Duration.ofMillis(10);

    /** The process's line now; empty when it has ended (or there is no {@code /proc}). */
    public static Optional<ProcessStat> of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** A line read from {@code file}; empty when it has gone (a process or thread that ended while being listed). */
    public static Optional<ProcessStat> read(Path file) {
        try {
            return Optional.of(parse(Files.readString(file)));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    public static ProcessStat parse(String line) {
        // The name (field 2) is in parentheses and may itself hold spaces or parentheses: the fields after its last
        // closing parenthesis are plain, starting with field 3 (the state), so field n is fields[n - 3].
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        return new ProcessStat(name, Long.parseLong(fields[1]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
    }

    public Duration ownCpu() {
        return TICK.multipliedBy(ownTicks);
    }

    public Duration reapedChildrenCpu() {
        return TICK.multipliedBy(reapedChildrenTicks);
    }
}
