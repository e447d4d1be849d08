package com.goodwill.intake.config;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.incident.DetectionThresholds;
import com.goodwill.intake.prediction.PredictionSettings;
import com.goodwill.intake.prediction.PriorTransit;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * incident-intake's configuration. Detection thresholds have defaults and may be overridden per carrier,
 * per destination country, or per both: {@code goodwill.intake.detection.overrides."DHL/FR".stalled-after=PT96H};
 * keys are {@code CARRIER}, {@code &#42;/COUNTRY} or {@code CARRIER/COUNTRY}, the most specific one wins.
 */
@ConfigMapping(prefix = "goodwill.intake")
public interface IntakeConfig {

    /** How long a REST ingestion waits for the broker to take an event before answering 503. */
    @WithDefault("PT15S")
    Duration publishTimeout();

    Detection detection();

    Timers timers();

    Prediction prediction();

    interface Detection {
        Thresholds defaults();

        Map<String, ThresholdOverrides> overrides();
    }

    interface Thresholds {
        /** Lateness against the promised date that is not yet a delay. */
        @WithDefault("PT0S")
        Duration delayGracePeriod();

        /** A delay at least this long is HIGH severity. */
        @WithDefault("PT48H")
        Duration highSeverityDelay();

        /** An order not shipped this long after placement is a delayed dispatch. */
        @WithDefault("PT48H")
        Duration dispatchWithin();

        /** A label without a first carrier scan this long after shipping is a "forgotten" parcel. */
        @WithDefault("PT24H")
        Duration firstScanWithin();

        /** A parcel in transit without a scan this long is stalled. */
        @WithDefault("PT72H")
        Duration stalledAfter();

        /** A parcel without any scan this long is presumed lost. */
        @WithDefault("P7D")
        Duration presumedLostAfter();

        /** A tracking number that matches no order this long after its first event is an invalid tracking id. */
        @WithDefault("PT72H")
        Duration invalidTrackingAfter();

        /** The probability of missing the promise from which a delay is predicted. */
        @WithDefault("0.7")
        double predictionThreshold();
    }

    /** The same thresholds, each optional: what is not set falls back to the less specific level. */
    interface ThresholdOverrides {
        Optional<Duration> delayGracePeriod();

        Optional<Duration> highSeverityDelay();

        Optional<Duration> dispatchWithin();

        Optional<Duration> firstScanWithin();

        Optional<Duration> stalledAfter();

        Optional<Duration> presumedLostAfter();

        Optional<Duration> invalidTrackingAfter();

        Optional<Double> predictionThreshold();
    }

    interface Timers {
        /** Off for a replay of old history, where every timer would be due at once. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("5s")
        String every();

        /**
         * How long a timer waits after it was set before it may fire, however overdue: events on their way
         * (a backlog being caught up, a lagging partition) may still stop it.
         */
        @WithDefault("PT2M")
        Duration allowedLateness();

        /** Timers handled per transaction. */
        @WithDefault("200")
        int batchSize();
    }

    interface Prediction {
        @WithDefault("true")
        boolean enabled();

        /**
         * The prior remaining transit time per canonical status (log-normal: median hours and sigma), for lanes
         * without enough deliveries of their own. A status without a prior is predicted from lane data only.
         */
        Map<TrackingStatus, Prior> priors();

        /** How many deliveries the prior counts as when blended with a lane's own. */
        @WithDefault("20")
        double priorWeight();

        /** Below this many deliveries an estimate counts as resting on the prior. */
        @WithDefault("30")
        long minSamples();

        /** How long a learnt transit-time sketch is read from memory before it is read again. */
        @WithDefault("PT30S")
        Duration sketchCacheFor();
    }

    interface Prior {
        double medianHours();

        double sigma();
    }

    default PredictionSettings predictionSettings() {
        Map<TrackingStatus, PriorTransit> priors = new EnumMap<>(TrackingStatus.class);
        prediction().priors().forEach((status, prior) -> priors.put(status, new PriorTransit(prior.medianHours(), prior.sigma())));
        return new PredictionSettings(priors, prediction().priorWeight(), prediction().minSamples());
    }

    default DetectionThresholds defaults() {
        Thresholds d = detection().defaults();
        return new DetectionThresholds(d.delayGracePeriod(), d.highSeverityDelay(), d.dispatchWithin(),
                d.firstScanWithin(), d.stalledAfter(), d.presumedLostAfter(), d.invalidTrackingAfter(),
                d.predictionThreshold());
    }
}
