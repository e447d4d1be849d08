package com.goodwill.fulfillment.service;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.compensation.EntitlementGranted;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.fulfillment.persistence.CommandEntity;
import com.goodwill.fulfillment.persistence.Entitlement;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Entitlements other systems honour: an express upgrade on the next order, a subscription extension. Recorded here
 * (readable over REST) and announced as {@link EntitlementGranted} on the fulfilment results topic.
 */
@ApplicationScoped
public class Entitlements {

    private final Outbox outbox;
    private final Clock clock;

    public Entitlements(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Entitlement grant(CommandEntity command, Instrument instrument, int quantity, Instant validUntil) {
        String id = DerivedId.of("entitlement", command.commandId);
        Entitlement existing = Entitlement.findById(id);
        if (existing != null) {
            return existing;
        }
        Instant now = clock.instant();
        Entitlement entitlement = new Entitlement();
        entitlement.entitlementId = id;
        entitlement.commandId = command.commandId;
        entitlement.orderId = command.orderId;
        entitlement.customerId = command.customerId;
        entitlement.instrument = instrument;
        entitlement.quantity = quantity;
        entitlement.validUntil = validUntil;
        entitlement.grantedAt = now;
        entitlement.persist();
        EntitlementGranted granted = new EntitlementGranted(id, command.commandId, command.orderId, command.customerId,
                instrument, quantity, validUntil, now);
        outbox.publish(Topics.FULFILMENT_RESULTS, EventCodec.wrap(DerivedId.of("entitlement-granted", id),
                EventTypes.ENTITLEMENT_GRANTED, StepRecorder.SOURCE, command.orderId, now, command.incidentId,
                command.causeEventId, granted));
        return entitlement;
    }
}
