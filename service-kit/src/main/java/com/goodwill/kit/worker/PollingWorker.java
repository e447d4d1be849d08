package com.goodwill.kit.worker;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that works off a table in rounds (the outbox relay, the mail dispatcher): after a full round it goes
 * on at once, since more may wait; otherwise it sleeps until woken (after a commit that wrote work) or until the poll
 * interval has passed, so work written by another instance is found too. A failed round leaves its rows in place; it
 * is logged and tried again after the interval.
 */
public final class PollingWorker {

    private static final Logger LOG = Logger.getLogger(PollingWorker.class);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** @return true when the round was full, so that more work may be waiting */
        boolean run() throws InterruptedException;
    }

    private final String name;
    private final Duration pollInterval;
    private final Round round;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public PollingWorker(String name, Duration pollInterval, Round round) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.round = round;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current round, waiting for it at most {@code patience}. */
    public void stop(Duration patience) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (thread != null) {
            thread.join(patience.toMillis());
        }
    }

    /** Work was written: the next round starts now instead of after the poll interval. */
    public void wake() {
        wakeUp.release();
    }

    /** False once stopping: a round that loops over items checks it between items. */
    public boolean running() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (!round.run()) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf(e, "%s: round failed; its rows stay and are tried again", name);
                    sleepQuietly(pollInterval.toMillis());
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
