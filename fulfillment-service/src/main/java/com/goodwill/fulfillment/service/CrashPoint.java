package com.goodwill.fulfillment.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * A fault hook for the crash-recovery test: with {@code goodwill.fulfilment.crash-point} set to a point's name the
 * JVM halts there (no shutdown hooks, no commit), as a power cut would. Unset in every real deployment.
 */
@ApplicationScoped
public class CrashPoint {

    /** After the provider accepted a refund or shipment, before this service committed what it learned. */
    public static final String AFTER_PROVIDER_ACCEPTED = "after-provider-accepted";

    private static final Logger LOG = Logger.getLogger(CrashPoint.class);

    private final Optional<String> armed;

    public CrashPoint(@ConfigProperty(name = "goodwill.fulfilment.crash-point") Optional<String> armed) {
        this.armed = armed.filter(s -> !s.isBlank());
    }

    public void reached(String point, String commandId) {
        if (armed.isPresent() && armed.get().equals(point)) {
            LOG.errorf("Crash point %s reached for command %s: halting the JVM", point, commandId);
            Runtime.getRuntime().halt(86);
        }
    }
}
