package com.goodwill.fulfillment.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs command executions that call outside systems, at most {@code goodwill.fulfilment.concurrency} at once, so a
 * slow provider costs threads here instead of stalling the Kafka consumer one command at a time. When the queue is
 * full the submitting (consumer) thread runs the execution itself: the consumer slows down instead of piling up
 * work. A command is never run twice at the same time.
 */
@ApplicationScoped
public class ExecutionPool {

    private static final Logger LOG = Logger.getLogger(ExecutionPool.class);

    private final ThreadPoolExecutor executor;
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
                try {
                    execution.accept(commandId);
                } catch (RuntimeException e) {
                    // The command stays EXECUTING: the next start (or an operator) resumes it with the same keys.
                    LOG.errorf(e, "Execution of command %s stopped unexpectedly; it resumes on the next start", commandId);
                } finally {
                    running.remove(commandId);
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
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
