package com.goodwill.audit.kpi;

import com.goodwill.audit.config.AuditConfig;
import com.goodwill.audit.kpi.KpiReport.CurrencyCost;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The main KPIs as gauges over a recent window ({@code goodwill.audit.kpis.metrics-window}, up to now): recomputed by
 * a scheduled job, so a scrape reads the last result instead of querying the ledger. NaN until the first refresh, and
 * for a share without cases.
 */
@Startup
@ApplicationScoped
public class KpiMetrics {

    private static final Logger LOG = Logger.getLogger(KpiMetrics.class);

    private final Kpis kpis;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AuditConfig config;
    private volatile KpiReport latest;
    private final Set<String> currencies = ConcurrentHashMap.newKeySet();

    public KpiMetrics(Kpis kpis, MeterRegistry registry, Clock clock, AuditConfig config) {
        this.kpis = kpis;
        this.registry = registry;
        this.clock = clock;
        this.config = config;
        gauge("goodwill.kpi.cases", "Incidents opened in the window", Map.of(), r -> r.resolution().cases());
        gauge("goodwill.kpi.automation.share", "Share of cases decided automatically and compensated without a human step",
                Map.of(), r -> orNaN(r.resolution().automatedShare()));
        gauge("goodwill.kpi.resolved.within.share", "Share of cases compensated within the time named by within",
                Map.of("within", "1h"), r -> orNaN(r.resolution().resolvedWithin1hShare()));
        gauge("goodwill.kpi.resolved.within.share", "Share of cases compensated within the time named by within",
                Map.of("within", "24h"), r -> orNaN(r.resolution().resolvedWithin24hShare()));
        gauge("goodwill.kpi.resolution.seconds", "Time from incident opened to compensation succeeded, nearest-rank percentile",
                Map.of("percentile", "p50"), r -> orNaN(r.resolution().p50Seconds()));
        gauge("goodwill.kpi.resolution.seconds", "Time from incident opened to compensation succeeded, nearest-rank percentile",
                Map.of("percentile", "p90"), r -> orNaN(r.resolution().p90Seconds()));
        gauge("goodwill.kpi.resolution.seconds", "Time from incident opened to compensation succeeded, nearest-rank percentile",
                Map.of("percentile", "p99"), r -> orNaN(r.resolution().p99Seconds()));
        gauge("goodwill.kpi.reopen.rate", "Share of compensated cases whose order had a new incident afterwards",
                Map.of(), r -> orNaN(r.reopen().rate()));
        gauge("goodwill.kpi.repurchase.rate", "Share of compensated cases whose customer ordered again within the repurchase period",
                Map.of(), r -> orNaN(r.repurchase().rate()));
    }

    @Scheduled(every = "${goodwill.audit.kpis.refresh:PT1M}", delayed = "${goodwill.audit.kpis.refresh:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            refresh(clock.instant());
        } catch (RuntimeException e) {
            // The gauges keep the last result; the next run tries again.
            LOG.warnf(e, "Refreshing the KPI gauges failed");
        }
    }

    /** Recomputes the gauges over the metrics window ending at {@code now}. */
    public KpiReport refresh(Instant now) {
        KpiReport report = kpis.report(now.minus(config.kpis().metricsWindow()), now);
        latest = report;
        report.cost().forEach(c -> registerCurrency(c.currency()));
        return report;
    }

    /** Money gauges per currency, registered when a currency first appears (a gauge never adds currencies up). */
    private void registerCurrency(String currency) {
        if (!currencies.add(currency)) {
            return;
        }
        gauge("goodwill.kpi.goodwill.per.thousand.orders", "Goodwill paid per 1,000 orders placed, minor units",
                Map.of("currency", currency), r -> orNaN(cost(r, currency).perThousandOrdersMinor()));
        gauge("goodwill.kpi.cost.per.case", "Goodwill paid per case, minor units",
                Map.of("currency", currency), r -> orNaN(cost(r, currency).perCaseMinor()));
        gauge("goodwill.kpi.goodwill.paid", "Goodwill paid for the window's cases, minor units",
                Map.of("currency", currency), r -> cost(r, currency).totalMinor());
    }

    private void gauge(String name, String description, Map<String, String> tags, ToDoubleFunction<KpiReport> value) {
        Gauge.Builder<KpiMetrics> builder = Gauge.builder(name, this, m -> m.latest == null ? Double.NaN : value.applyAsDouble(m.latest))
                .description(description);
        tags.forEach(builder::tag);
        builder.register(registry);
    }

    private static CurrencyCost cost(KpiReport report, String currency) {
        return report.cost().stream().filter(c -> c.currency().equals(currency)).findFirst()
                .orElse(new CurrencyCost(currency, 0, 0, 0, null, 0, null));
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
