package com.goodwill.fulfillment.execution;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Money;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.compensation.FulfilmentStatus;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.fulfillment.metrics.CompensationMetrics;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.StoreCreditEntry;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Executes a compensation command once. Store credit and apologies are booked in this service's own
 * database, in the consumer's transaction, so the booking, the command's state and the result event
 * commit together; a command seen before (same id) executes nothing.
 */
@ApplicationScoped
public class CompensationExecutor {

    public static final String SOURCE = "/goodwill/fulfillment-service";
    private static final Logger LOG = Logger.getLogger(CompensationExecutor.class);

    private final Outbox outbox;
    private final Clock clock;
    private final CompensationMetrics metrics;

    public CompensationExecutor(Outbox outbox, Clock clock, CompensationMetrics metrics) {
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void execute(EventEnvelope cause, CompensationRequested command) {
        if (CommandEntity.findById(command.commandId()) != null
                || CommandEntity.count("idempotencyKey", command.idempotencyKey()) > 0) {
            LOG.infof("Command %s executed before; nothing is booked again", command.commandId());
            return;
        }
        Instant now = clock.instant();
        CommandEntity row = new CommandEntity();
        row.commandId = command.commandId();
        row.decisionId = command.decisionId();
        row.incidentId = command.incidentId();
        row.orderId = command.orderId();
        row.customerId = command.customerId();
        row.instrument = command.instrument();
        row.amountMinor = command.amount().amountMinor();
        row.currency = command.amount().currency();
        row.idempotencyKey = command.idempotencyKey();
        row.status = FulfilmentStatus.RECEIVED;
        row.receivedAt = now;
        row.persist();

        switch (command.instrument()) {
            case STORE_CREDIT -> {
                StoreCreditEntry entry = new StoreCreditEntry();
                entry.entryId = DerivedId.of("credit", command.commandId());
                entry.customerId = command.customerId();
                entry.commandId = command.commandId();
                entry.amountMinor = command.amount().amountMinor();
                entry.currency = command.amount().currency();
                entry.bookedAt = now;
                entry.persist();
                complete(row, FulfilmentStatus.SUCCEEDED, entry.entryId, "store credit booked", now);
            }
            case APOLOGY -> complete(row, FulfilmentStatus.SUCCEEDED, null, "apology recorded", now);
            // Refunds, replacements, vouchers and upgrades need their outside systems (payment provider,
            // warehouse); until those executors exist the command fails visibly instead of pretending.
            default -> complete(row, FulfilmentStatus.FAILED, null,
                    "no executor for " + command.instrument() + " in this version", now);
        }
        publish(cause, row, now);
    }

    private static void complete(CommandEntity row, FulfilmentStatus status, String reference, String detail, Instant now) {
        row.status = status;
        row.reference = reference;
        row.detail = detail;
        row.completedAt = now;
    }

    private void publish(EventEnvelope cause, CommandEntity row, Instant now) {
        FulfilmentRecorded recorded = new FulfilmentRecorded(row.commandId, row.decisionId, row.incidentId, row.orderId,
                row.customerId, row.instrument, Money.of(row.amountMinor, row.currency), row.status, row.reference,
                row.detail, now);
        String eventId = DerivedId.of("fulfilment", row.commandId, row.status.name());
        outbox.publish(Topics.FULFILMENT_RESULTS, EventCodec.wrap(eventId, EventTypes.FULFILMENT_RECORDED, SOURCE,
                row.orderId, now, row.incidentId, cause.id(), recorded));
        metrics.recorded(row.instrument, row.status);
        LOG.infof("Command %s (%s %d %s) %s", row.commandId, row.instrument, row.amountMinor, row.currency, row.status);
    }
}
