package com.goodwill.fulfillment.config;

import com.goodwill.fulfillment.notification.Horizon;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** How customer messages are worded and delivered ({@code goodwill.notification.*}). */
@ConfigMapping(prefix = "goodwill.notification")
public interface NotificationConfig {

    /** The language of a customer whose order named none and whose market has none configured. */
    @WithDefault("en")
    String defaultLanguage();

    /** Language per market (ISO-3166 alpha-2) for orders that name none, e.g. {@code DE=de}. */
    Map<String, String> marketLanguages();

    /** The zone dates in messages are written in. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    /** The right-hand side of each mail's Message-ID, {@code <message id>@<domain>}. */
    @WithDefault("goodwill.example")
    String messageIdDomain();

    /** Attempts to hand a mail to the SMTP server before it is marked FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further one, up to {@link #retryMax()}. */
    @WithDefault("PT2S")
    Duration retryInitial();

    @WithDefault("PT10M")
    Duration retryMax();

    /** How often the mail outbox is looked at when no commit has woken it. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long each instrument takes to reach the customer, keyed by instrument name. */
    Map<String, HorizonConfig> horizons();

    interface HorizonConfig {
        int min();

        int max();

        Horizon.Unit unit();
    }
}
