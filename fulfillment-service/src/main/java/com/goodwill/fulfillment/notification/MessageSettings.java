package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.decision.Instrument;

import java.time.ZoneId;
import java.util.Map;

/**
 * What the wording of messages depends on besides the case: where the customer's choice links point, the language
 * used when the customer's has no templates, the zone dates are written in, and how long each remedy takes.
 *
 * @param publicBaseUrl the service's address as the customer's browser reaches it
 */
public record MessageSettings(String publicBaseUrl, String defaultLanguage, ZoneId zone,
                              Map<Instrument, Horizon> horizons) {

    public MessageSettings {
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        horizons = Map.copyOf(horizons);
    }
}
