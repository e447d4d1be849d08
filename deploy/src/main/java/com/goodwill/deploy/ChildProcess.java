package com.goodwill.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server process the stack started: its output goes to a log file and its pid to a pid file, so a
 * later {@code run} or {@code stop} finds it even if the launcher itself died hard.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path log, Path pidDir) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = pidDir.resolve(name + ".pid");
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new ChildProcess(name, process, log, pidFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, so the service runs its shutdown hooks; forcibly after the grace period. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A stale pid file is checked for liveness before it is trusted.
        }
    }

    /** The last lines of the log, for a message that says why a start failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Kills processes recorded in pid files by a launcher that did not stop cleanly. */
    public static int killLeftovers(Path pidDir, Duration grace) throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return 0;
        }
        int killed = 0;
        try (var files = Files.list(pidDir)) {
            for (Path pidFile : files.toList()) {
                Optional<ProcessHandle> handle = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
                if (handle.isPresent()) {
                    handle.get().destroy();
                    try {
                        handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        handle.get().destroyForcibly();
                    }
                    killed++;
                }
                Files.deleteIfExists(pidFile);
            }
        }
        return killed;
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
