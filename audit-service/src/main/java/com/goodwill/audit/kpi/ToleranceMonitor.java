package com.goodwill.audit.kpi;

import com.goodwill.audit.config.AuditConfig;
import com.goodwill.audit.persistence.ToleranceAlertEntity;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.alert.ToleranceAlert;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.kit.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the tolerance limits: on a schedule, the incident rate of every carrier and market over the sliding window;
 * each one over its limit raises an alert on {@link Topics#ALERTS} (stored and published through the outbox in one
 * transaction). A value is alerted once per window, and not again while the window of its last alert still overlaps
 * the current one: one breach is one alert, not one per step the window slides.
 */
@ApplicationScoped
public class ToleranceMonitor {

    private static final Logger LOG = Logger.getLogger(ToleranceMonitor.class);
    /** Arbitrary but fixed: one instance at a time checks and raises. */
    private static final long TOLERANCE_LOCK = 0x746f6c6572616e63L;
    static final String SOURCE = "/goodwill/audit-service";

    private final EntityManager entityManager;
    private final KpiRepository repository;
    private final Outbox outbox;
    private final Clock clock;
    private final TolerancePolicy policy;

    public ToleranceMonitor(EntityManager entityManager, KpiRepository repository, Outbox outbox, Clock clock,
                            AuditConfig config) {
        this.entityManager = entityManager;
        this.repository = repository;
        this.outbox = outbox;
        this.clock = clock;
        AuditConfig.Tolerance tolerance = config.tolerance();
        this.policy = new TolerancePolicy(tolerance.window(), tolerance.step(), tolerance.limit(),
                tolerance.carrierLimits(), tolerance.marketLimits(), tolerance.minOrders());
    }

    @Scheduled(every = "${goodwill.audit.tolerance.check:PT5M}", delayed = "${goodwill.audit.tolerance.check:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        check(clock.instant());
    }

    /** Checks the window a check at {@code now} looks at; returns the alerts it raised. */
    public List<ToleranceAlert> check(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> raise(now));
    }

    private List<ToleranceAlert> raise(Instant now) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + TOLERANCE_LOCK + ")").getSingleResult();
        TolerancePolicy.Window window = policy.windowAt(now);
        List<ToleranceAlert> raised = new ArrayList<>();
        for (ToleranceAlert alert : policy.alerts(repository.exposures(window.start(), window.end()), window, now)) {
            // Also covers the same id: an alert of this very window overlaps it.
            long overlapping = ToleranceAlertEntity.count("dimension = ?1 and dimensionValue = ?2 and windowEnd > ?3",
                    alert.dimension(), alert.value(), window.start());
            if (overlapping > 0) {
                continue;
            }
            ToleranceAlertEntity.of(alert).persist();
            outbox.publish(Topics.ALERTS, EventCodec.wrap(alert.alertId(), EventTypes.TOLERANCE_ALERT, SOURCE,
                    Subjects.tolerance(alert.dimension(), alert.value()), now, null, null, alert));
            LOG.warnf("Tolerance alert: %s %s has an incident rate of %.4f (%d incidents / %d orders) over %s to %s, limit %.4f",
                    alert.dimension(), alert.value(), alert.incidentRate(), alert.incidents(), alert.orders(),
                    window.start(), window.end(), alert.limit());
            raised.add(alert);
        }
        return raised;
    }

    /** Alerts raised, newest first; dimension and value narrow them when given. */
    @Transactional
    public List<ToleranceAlert> alerts(String dimension, String value, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (dimension != null) {
            query.append(" and dimension = :dimension");
            parameters.and("dimension", dimension);
        }
        if (value != null) {
            query.append(" and dimensionValue = :value");
            parameters.and("value", value);
        }
        return ToleranceAlertEntity.<ToleranceAlertEntity>find(query.toString(),
                        Sort.descending("raisedAt").and("alertId"), parameters)
                .page(Page.ofSize(limit)).list().stream().map(ToleranceAlertEntity::toAlert).toList();
    }
}
