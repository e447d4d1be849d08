package com.goodwill.intake.messaging;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.carrier.CarrierEvent;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.order.OrderEvent;
import com.goodwill.intake.persistence.ShipmentEntity;
import com.goodwill.kit.deadletter.BrokerAcks;
import com.goodwill.kit.ids.DerivedId;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * Puts events accepted over REST onto the input topics, so REST and Kafka inputs take one processing
 * path. Envelope ids derive from the sender's event id: a re-posted event is the same event.
 */
@ApplicationScoped
public class InputPublisher {

    static final String SOURCE = "/goodwill/incident-intake/rest";

    private final Emitter<String> orderEvents;
    private final Emitter<String> carrierEvents;
    private final Clock clock;

    public InputPublisher(@Channel("order-events-in") Emitter<String> orderEvents,
                          @Channel("carrier-events-in") Emitter<String> carrierEvents, Clock clock) {
        this.orderEvents = orderEvents;
        this.carrierEvents = carrierEvents;
        this.clock = clock;
    }

    public CompletionStage<Void> publish(OrderEvent event) {
        EventEnvelope envelope = EventCodec.wrap(DerivedId.of("order-event", event.eventId()),
                event.cloudEventType(), SOURCE, event.orderId(), clock.instant(), null, null, event);
        return send(orderEvents, event.orderId(), envelope);
    }

    /** Carrier events are keyed by tracking number: carriers do not know our order ids. */
    public CompletionStage<Void> publish(CarrierEvent event) {
        String subject = ShipmentEntity.byTracking(event.carrier(), event.trackingNumber())
                .map(s -> s.orderId)
                .orElse(Subjects.tracking(event.carrier(), event.trackingNumber()));
        EventEnvelope envelope = EventCodec.wrap(DerivedId.of("carrier-event", event.carrier(), event.eventId()),
                EventTypes.CARRIER_TRACKING, SOURCE, subject, clock.instant(), null, null, event);
        return send(carrierEvents, event.carrier() + ":" + event.trackingNumber(), envelope);
    }

    private static CompletionStage<Void> send(Emitter<String> emitter, String key, EventEnvelope envelope) {
        return BrokerAcks.send(emitter, Message.of(EventCodec.toJson(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
