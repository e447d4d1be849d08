package com.goodwill.fulfillment.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs command executions that call outside systems, at most {@code goodwill.fulfilment.concurrency} at once, so a
 * slow provider costs threads here instead of stalling the Kafka consumer one command at a time. When the queue is
 * full the submitting (consumer) thread runs the execution itself: the consumer slows down instead of piling up
 * work. A command is never run twice at the same time; one whose execution broke off (e.g. no database connection
 * within the pool's timeout) is run again shortly, with the same journaled keys.
 */
@ApplicationScoped
public class ExecutionPool {

    private static final Logger LOG = Logger.getLogger(ExecutionPool.class);

    /** How long a command whose execution broke off (no database connection, ...) waits before it is run again. */
    private static final long RESUME_AFTER_MS = 2_000;

    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fulfilment-resume");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public ExecutionPool(@ConfigProperty(name = "goodwill.fulfilment.concurrency", defaultValue = "96") int concurrency) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency * 20), r -> {
                    Thread t = new Thread(r, "fulfilment-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    public void submit(String commandId, Consumer<String> execution) {
        if (!running.add(commandId)) {
            LOG.debugf("Command %s is being executed already", commandId);
            return;
        }
        try {
            // The execution continues the trace of the command that asked for it (its steps' events join that trace).
            executor.execute(io.opentelemetry.context.Context.current().wrap((Runnable) () -> {
                boolean resume = false;
                try {
                    execution.accept(commandId);
                } catch (RuntimeException e) {
                    // The command stays EXECUTING with its journaled keys: run it again shortly (a restart would too).
                    LOG.warnf(e, "Execution of command %s broke off; it resumes in %d ms", commandId, RESUME_AFTER_MS);
                    resume = true;
                } finally {
                    running.remove(commandId);
                }
                if (resume) {
                    resumer.schedule(() -> submit(commandId, execution), RESUME_AFTER_MS, TimeUnit.MILLISECONDS);
                }
            }));
        } catch (RuntimeException e) {
            running.remove(commandId);
            throw e;
        }
    }

    public int active() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        resumer.shutdownNow();
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
