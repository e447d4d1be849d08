package com.goodwill.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An outside system over HTTP that behaves like the real thing where it matters to the caller: every operation of
 * its business API carries an {@code Idempotency-Key}; the first request with a key executes the operation and its
 * answer is kept, every later request with that key gets the same answer and executes nothing (concurrent requests
 * with one key wait for the first). Faults ({@link Faults}) are injected on request; executions are counted per key.
 *
 * <p>Admin API: {@code POST /admin/faults} (a {@link Faults} as JSON), {@code GET /admin/executions}
 * ({@code total}, {@code requests}, {@code byKey}), {@code GET /admin/executions/{key}}, {@code POST /admin/reset}.
 */
public abstract class SimulatorServer implements AutoCloseable {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> executionsByKey = new ConcurrentHashMap<>();
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    protected SimulatorServer(String name, int port) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        // Injected latency holds a thread per request: enough threads that 50 ms do not cap a caller's concurrency.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(256, 256, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-http");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public void setFaults(Faults newFaults) {
        faults.set(newFaults);
    }

    public Faults faults() {
        return faults.get();
    }

    /** How often the operation behind the key was executed (never more than once if the simulator is right). */
    public long executions(String key) {
        AtomicLong count = executionsByKey.get(key);
        return count == null ? 0 : count.get();
    }

    public long totalExecutions() {
        return executions.get();
    }

    public long totalRequests() {
        return requests.get();
    }

    public void reset() {
        faults.set(Faults.NONE);
        answers.clear();
        executionsByKey.clear();
        executions.set(0);
        requests.set(0);
        resetState();
    }

    /** Forgets the simulator's own business state (orders, stock). */
    protected void resetState() {
    }

    /** Answers a business request; {@code key} is null for operations that need none (reads). */
    protected abstract Answer handle(String method, String path, String key, String body) throws IOException;

    /** Admin requests of the subclass ({@code /admin/...} beyond the common ones); null when unknown. */
    protected Answer handleAdmin(String method, String path, String body) throws IOException {
        return null;
    }

    /**
     * Runs the operation once per key: the first caller executes, and a successful (2xx) answer is kept for every
     * later request with the key. A refusal (4xx) is not kept, so the operation may succeed later (stock arrived).
     */
    protected Answer once(String key, java.util.function.Supplier<Answer> operation) {
        Answer kept = answers.get(key);
        if (kept != null) {
            return kept;
        }
        synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
            kept = answers.get(key);
            if (kept != null) {
                return kept;
            }
            Answer answer = operation.get();
            if (answer.status() / 100 == 2) {
                executionsByKey.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                executions.incrementAndGet();
                answers.put(key, answer);
            }
            return answer;
        }
    }

    private void serve(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = read(exchange.getRequestBody());
            Answer answer;
            try {
                answer = path.startsWith("/admin/") ? admin(method, path, body) : business(exchange, method, path, body);
            } catch (IllegalArgumentException | IOException e) {
                answer = problem(400, e.getMessage());
            }
            if (answer == null) {
                return;
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The caller gave up (its timeout); nothing to answer to.
        } finally {
            exchange.close();
        }
    }

    /** Null when the answer is withheld (the connection is dropped after a simulated timeout). */
    private Answer business(HttpExchange exchange, String method, String path, String body) throws IOException {
        requests.incrementAndGet();
        Faults f = faults.get();
        sleep(f.latencyMs());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (random.nextDouble() < f.errorRate()) {
            return problem(503, name + " is unavailable (injected)");
        }
        Answer answer = handle(method, path, key, body);
        if (key != null && random.nextDouble() < f.lostAnswerRate()) {
            return problem(500, name + " failed after executing (injected)");
        }
        if (key != null && random.nextDouble() < f.timeoutRate()) {
            sleep(f.timeoutMs());
            return null;
        }
        return answer;
    }

    private Answer admin(String method, String path, String body) throws IOException {
        if (path.equals("/admin/faults") && method.equals("POST")) {
            setFaults(JSON.readValue(body, Faults.class));
            return Answer.ok(JSON.writeValueAsString(faults()));
        }
        if (path.equals("/admin/faults") && method.equals("GET")) {
            return Answer.ok(JSON.writeValueAsString(faults()));
        }
        if (path.equals("/admin/reset") && method.equals("POST")) {
            reset();
            return Answer.ok("{}");
        }
        if (path.equals("/admin/executions") && method.equals("GET")) {
            ObjectNode node = JSON.createObjectNode();
            node.put("total", executions.get());
            node.put("requests", requests.get());
            ObjectNode byKey = node.putObject("byKey");
            executionsByKey.forEach((k, v) -> byKey.put(k, v.get()));
            return Answer.ok(JSON.writeValueAsString(node));
        }
        if (path.startsWith("/admin/executions/") && method.equals("GET")) {
            String key = java.net.URLDecoder.decode(path.substring("/admin/executions/".length()), StandardCharsets.UTF_8);
            ObjectNode node = JSON.createObjectNode();
            node.put("key", key);
            node.put("executions", executions(key));
            return Answer.ok(JSON.writeValueAsString(node));
        }
        Answer own = handleAdmin(method, path, body);
        return own != null ? own : problem(404, "no admin operation " + method + " " + path);
    }

    protected static Answer problem(int status, String detail) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status);
        node.put("detail", detail);
        try {
            return new Answer(status, JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(IDEMPOTENCY_KEY + " header is required");
        }
        return key;
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
