package com.goodwill.fulfillment.metrics;

import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.kit.transaction.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Compensation steps by instrument and status ({@code goodwill_compensations_total}): each step a command's execution
 * records (received, executing, succeeded, fulfilled by a fallback, failed). Counted when the transaction that records
 * the step commits, so a step rolled back and retried counts once.
 */
@ApplicationScoped
public class CompensationMetrics {

    /** Key of the transaction's steps to count once it commits. */
    private static final Object PENDING = CompensationMetrics.class.getName() + ".pending";

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    /** The counters by instrument and status, each looked up once (a step is counted thousands of times a second). */
    private final AtomicReferenceArray<Counter> counters =
            new AtomicReferenceArray<>(Instrument.values().length * FulfilmentStatus.values().length);

    public CompensationMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    private Counter counter(Instrument instrument, FulfilmentStatus status) {
        int slot = instrument.ordinal() * FulfilmentStatus.values().length + status.ordinal();
        Counter counter = counters.get(slot);
        if (counter == null) {
            // Registering again returns the same counter, so two threads racing here count into one.
            counter = Counter.builder("goodwill.compensations")
                    .description("Compensation steps recorded, by instrument and status")
                    .tag("instrument", instrument.name())
                    .tag("status", status.name())
                    .register(registry);
            counters.set(slot, counter);
        }
        return counter;
    }

    public void recorded(Instrument instrument, FulfilmentStatus status) {
        Counter counter = counter(instrument, status);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return;
        }
        // One synchronization per transaction counts all its steps (a batch records hundreds).
        @SuppressWarnings("unchecked")
        List<Counter> pending = (List<Counter>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Counter> steps = new ArrayList<>();
            transactions.putResource(PENDING, steps);
            AfterCommit.run(transactions, () -> steps.forEach(Counter::increment));
            pending = steps;
        }
        pending.add(counter);
    }
}
