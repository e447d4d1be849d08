package com.goodwill.intake.config;

import com.goodwill.intake.incident.ThresholdBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the detection thresholds from configuration once, failing the start if they contradict each other. */
@ApplicationScoped
public class DetectionSetup {

    @Produces
    @ApplicationScoped
    ThresholdBook thresholds(IntakeConfig config) {
        return new ThresholdBook(config.defaults(), config.detection().overrides());
    }
}
