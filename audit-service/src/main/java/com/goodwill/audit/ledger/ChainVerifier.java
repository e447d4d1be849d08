package com.goodwill.audit.ledger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Verifies the whole chain ({@link ChainWalk} says how) on request and on a schedule, and records each outcome in
 * {@link LedgerMetrics}, so "when was the ledger last verified, and was it intact" always has a recent answer.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final Logger LOG = Logger.getLogger(ChainVerifier.class);

    private final DataSource dataSource;
    private final LedgerMetrics metrics;
    private final Clock clock;

    public ChainVerifier(DataSource dataSource, LedgerMetrics metrics, Clock clock) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Verifies the whole chain and records the outcome in the metrics. The walk reads ranges of the ledger over
     * connections of its own, each in a read-only transaction of its own, so it runs outside any JTA transaction (and
     * is not bound by its timeout on a large ledger).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ChainVerification verify() {
        long t0 = System.nanoTime();
        ChainVerification result;
        try {
            result = ChainWalk.verify(dataSource::getConnection);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger verification could not read the ledger: " + e.getMessage(), e);
        }
        metrics.verified(result, clock.instant(), Duration.ofNanos(System.nanoTime() - t0));
        return result;
    }

    /** Keeps "last verification" fresh without anyone asking (goodwill.audit.verification.every). */
    @Scheduled(every = "${goodwill.audit.verification.every}", delayed = "${goodwill.audit.verification.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            ChainVerification result = verify();
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
