package com.goodwill.audit.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Verifies the whole chain ({@link ChainWalk} says how) on request and on a schedule, and records each outcome in
 * {@link LedgerMetrics}, so "when was the ledger last verified, and was it intact" always has a recent answer.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final Logger LOG = Logger.getLogger(ChainVerifier.class);
    private static final int VERIFICATION_TIMEOUT_SECONDS = 3600;

    private final EntityManager entityManager;
    private final LedgerMetrics metrics;
    private final Clock clock;

    public ChainVerifier(EntityManager entityManager, LedgerMetrics metrics, Clock clock) {
        this.entityManager = entityManager;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Verifies the whole chain and records the outcome in the metrics. A read of the whole ledger may take longer than
     * the default transaction timeout (60 s) on a large ledger or a busy machine, so it gets an hour.
     */
    @Transactional
    @TransactionConfiguration(timeout = VERIFICATION_TIMEOUT_SECONDS)
    public ChainVerification verify() {
        long t0 = System.nanoTime();
        ChainVerification result = entityManager.unwrap(Session.class).doReturningWork(ChainWalk::verify);
        metrics.verified(result, clock.instant(), Duration.ofNanos(System.nanoTime() - t0));
        return result;
    }

    /** Keeps "last verification" fresh without anyone asking (goodwill.audit.verification.every). */
    @Scheduled(every = "${goodwill.audit.verification.every}", delayed = "${goodwill.audit.verification.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            ChainVerification result = QuarkusTransaction.requiringNew().timeout(VERIFICATION_TIMEOUT_SECONDS)
                    .call(this::verify);
            if (result.intact()) {
                LOG.infof("Ledger verified: %d entries intact", result.entriesChecked());
            } else {
                LOG.errorf("Ledger verification found entry %d (event %s) broken: %s", result.firstBrokenSequence(),
                        result.firstBrokenEventId(), result.reason());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Scheduled ledger verification failed; the next run tries again");
        }
    }
}
