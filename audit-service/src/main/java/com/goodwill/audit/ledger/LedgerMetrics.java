package com.goodwill.audit.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The ledger's health as metrics: its size, the rate of appends (a counter; the rate is the scraper's), and the last
 * verification of the chain (when, how long, how many entries, intact or not, which entry broke first). A scrape reads
 * what appends and verifications recorded; it queries nothing.
 */
@Startup
@ApplicationScoped
public class LedgerMetrics {

    private static final Logger LOG = Logger.getLogger(LedgerMetrics.class);

    /** -1 until the size is known. */
    private final AtomicLong size = new AtomicLong(-1);
    private final Counter appended;
    private volatile Verified lastVerification;

    private record Verified(ChainVerification result, Instant at, Duration took) {
    }

    public LedgerMetrics(MeterRegistry registry, EntityManager entityManager) {
        Gauge.builder("goodwill.ledger.entries", size, s -> s.get() < 0 ? Double.NaN : s.get())
                .description("Entries in the ledger").register(registry);
        appended = Counter.builder("goodwill.ledger.appended")
                .description("Entries appended by this instance (its rate is the append rate)").register(registry);
        verificationGauge(registry, "goodwill.ledger.verification.last", "seconds",
                "When the chain was last verified, seconds since the epoch", v -> v.at().toEpochMilli() / 1000.0);
        verificationGauge(registry, "goodwill.ledger.verification.duration", "seconds",
                "How long the last verification of the chain took", v -> v.took().toNanos() / 1e9);
        verificationGauge(registry, "goodwill.ledger.verification.entries", null,
                "Entries the last verification checked", v -> v.result().entriesChecked());
        verificationGauge(registry, "goodwill.ledger.verification.intact", null,
                "1 if the last verification found the chain intact, 0 if it found a broken entry",
                v -> v.result().intact() ? 1 : 0);
        verificationGauge(registry, "goodwill.ledger.verification.first.broken", null,
                "Sequence of the first broken entry the last verification found (NaN while intact)",
                v -> v.result().intact() ? Double.NaN : v.result().firstBrokenSequence());
        try {
            size.compareAndSet(-1, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("select coalesce(max(sequence), 0) from ledger_entry").getSingleResult()).longValue()));
        } catch (RuntimeException e) {
            // The next append or verification tells.
            LOG.warnf("The ledger's size is not known yet: %s", e.getMessage());
        }
    }

    /** After a committed append. */
    public void appended(int entries, long sizeAfter) {
        appended.increment(entries);
        size.accumulateAndGet(sizeAfter, Math::max);
    }

    public void verified(ChainVerification result, Instant at, Duration took) {
        lastVerification = new Verified(result, at, took);
        if (result.intact()) {
            size.accumulateAndGet(result.entriesChecked(), Math::max);
        }
    }

    private void verificationGauge(MeterRegistry registry, String name, String unit, String description,
                                   ToDoubleFunction<Verified> value) {
        Gauge.Builder<LedgerMetrics> builder = Gauge.builder(name, this,
                        m -> m.lastVerification == null ? Double.NaN : value.applyAsDouble(m.lastVerification))
                .description(description);
        if (unit != null) {
            builder.baseUnit(unit);
        }
        builder.register(registry);
    }
}
