package com.goodwill.fulfillment.metrics;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Compensation steps by instrument and status ({@code goodwill_compensations_total}): each step a command's execution
 * records (received, executing, succeeded, fulfilled by a fallback, failed). Counted when the transaction that records
 * the step commits, so a step rolled back and retried counts once.
 */
@ApplicationScoped
public class CompensationMetrics {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public CompensationMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    public void recorded(Instrument instrument, FulfilmentStatus status) {
        Counter counter = Counter.builder("goodwill.compensations")
                .description("Compensation steps recorded, by instrument and status")
                .tag("instrument", instrument.name())
                .tag("status", status.name())
                .register(registry);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
