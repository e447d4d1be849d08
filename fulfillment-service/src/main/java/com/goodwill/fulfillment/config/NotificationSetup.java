package com.goodwill.fulfillment.config;

import com.goodwill.contracts.decision.Instrument;
import com.goodwill.fulfillment.notification.Horizon;
import com.goodwill.fulfillment.notification.MessageRenderer;
import com.goodwill.fulfillment.notification.MessageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.Map;

/** Builds the plain-Java message renderer from configuration. */
@ApplicationScoped
public class NotificationSetup {

    @Produces
    @ApplicationScoped
    MessageRenderer renderer(NotificationConfig config,
                             // The choice endpoint's public address; its key belongs to the choice endpoint.
                             @ConfigProperty(name = "goodwill.fulfilment.public-base-url",
                                     defaultValue = "http://127.0.0.1:8083") String publicBaseUrl) {
        Map<Instrument, Horizon> horizons = new EnumMap<>(Instrument.class);
        config.horizons().forEach((instrument, h) ->
                horizons.put(Instrument.valueOf(instrument), new Horizon(h.min(), h.max(), h.unit())));
        return new MessageRenderer(new MessageSettings(publicBaseUrl, config.defaultLanguage(), config.zone(), horizons));
    }
}
