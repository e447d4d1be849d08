package com.goodwill.decision;

import com.goodwill.testsupport.MovableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** The service's clock in tests: real time until a test moves it (review timers are swept explicitly in tests). */
@ApplicationScoped
public class TestClock {

    public static final MovableClock CLOCK = new MovableClock(Instant.now());

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
