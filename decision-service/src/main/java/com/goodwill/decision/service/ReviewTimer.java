package com.goodwill.decision.service;

import com.goodwill.decision.config.DecisionConfig;
import com.goodwill.decision.persistence.DecisionEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Expires pending decisions whose review time limit has passed, through the due-time index, a batch per
 * transaction; rows another instance holds are skipped, so two instances never expire the same decision. Time comes
 * from the injected clock, so tests move a clock and call {@link #sweep()}.
 */
@ApplicationScoped
public class ReviewTimer {

    private static final Logger LOG = Logger.getLogger(ReviewTimer.class);

    private final ReviewService reviews;
    private final DecisionConfig config;
    private final Clock clock;

    public ReviewTimer(ReviewService reviews, DecisionConfig config, Clock clock) {
        this.reviews = reviews;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${goodwill.decision.reviews.every:30s}", delayed = "${goodwill.decision.reviews.every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.reviews().enabled()) {
            sweep();
        }
    }

    /** Expires every decision due now; returns how many. */
    public int sweep() {
        int expired = 0;
        int batch;
        do {
            Instant now = clock.instant();
            batch = QuarkusTransaction.requiringNew().call(() -> {
                List<DecisionEntity> due = reviews.lockDue(now, config.reviews().batchSize());
                due.forEach(d -> reviews.expire(d, now));
                return due.size();
            });
            expired += batch;
        } while (batch == config.reviews().batchSize());
        if (expired > 0) {
            LOG.infof("%d pending decisions ran out of review time", expired);
        }
        return expired;
    }
}
