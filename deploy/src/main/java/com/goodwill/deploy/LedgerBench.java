package com.goodwill.deploy;

import com.goodwill.testsupport.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./stack bench-ledger}: audit-service's ledger benchmark ({@code com.goodwill.audit.bench.LedgerBenchmark},
 * run from the packaged service's classpath in a JVM of its own) against a throw-away PostgreSQL on a free port,
 * which is removed at the end, also on failure. Options go to the benchmark unchanged.
 */
final class LedgerBench {

    static final String USAGE =
            "./stack bench-ledger [--appends N] [--batch B[,B...]] [--single N] [--entries N] [--profile N] [--warmup N]";
    private static final String DATABASE = "ledger_bench";

    private LedgerBench() {
    }

    static int run(Path repoRoot, List<String> options) throws IOException, InterruptedException {
        Path app = repoRoot.resolve("audit-service/target/quarkus-app");
        if (!Files.isDirectory(app.resolve("lib/main"))) {
            throw new IllegalStateException("No packaged audit-service at " + app
                    + ". Build first: ./mvnw -B -ntp install -DskipTests (./stack bench-ledger does it for you).");
        }
        System.out.println("Starting a throw-away PostgreSQL (durable commits, as the stack's) ...");
        try (PostgresServer postgres = PostgresServer.startEphemeralDurable()) {
            postgres.createDatabase(DATABASE);
            List<String> command = new ArrayList<>(List.of(Java.executable(), "-Xms1g", "-Xmx1g", "-cp",
                    app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*",
                    "com.goodwill.audit.bench.LedgerBenchmark", postgres.jdbcUrl(DATABASE),
                    "--owner", PostgresServer.USER, "--owner-password", PostgresServer.PASSWORD));
            command.addAll(options);
            Process benchmark = new ProcessBuilder(command).inheritIO().start();
            try {
                return benchmark.waitFor();
            } finally {
                // Ctrl-C reaches the benchmark too; this covers the launcher failing on its own.
                benchmark.destroy();
            }
        }
    }
}
