package com.goodwill.audit.kpi;

import com.goodwill.audit.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** The KPIs of a period: the ledger's facts (KpiRepository) through the arithmetic (KpiCalculator). */
@ApplicationScoped
public class Kpis {

    private final KpiRepository repository;
    private final AuditConfig config;

    public Kpis(KpiRepository repository, AuditConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** The KPIs of the cases opened in {@code [from, to)}, with the orders placed in it as denominators. */
    @Transactional
    public KpiReport report(Instant from, Instant to) {
        return KpiCalculator.report(from, to, repository.cases(from, to, config.kpis().repurchaseWithin()),
                repository.orders(from, to));
    }
}
