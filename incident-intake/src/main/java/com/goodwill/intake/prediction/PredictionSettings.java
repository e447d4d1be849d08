package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of delay prediction.
 *
 * @param priors      the prior remaining-time distribution per status; a status without one is only predicted from
 *                    lane data, once there are at least {@code minSamples} observations
 * @param priorWeight how many observations the prior counts as when blended with a lane's data
 * @param minSamples  below this many observations an estimate is flagged as resting on the prior
 */
public record PredictionSettings(Map<TrackingStatus, PriorTransit> priors, double priorWeight, long minSamples) {

    public PredictionSettings {
        priors = priors.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(priors));
        if (!(priorWeight >= 0) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight must be finite and >= 0: " + priorWeight);
        }
        if (minSamples < 0) {
            throw new IllegalArgumentException("minSamples must be >= 0: " + minSamples);
        }
    }

    /** Defaults for domestic and intra-EU parcel delivery. */
    public static PredictionSettings defaults() {
        Map<TrackingStatus, PriorTransit> priors = new EnumMap<>(TrackingStatus.class);
        // Label printed, parcel not yet handed over: pickup, line haul and last mile still to come.
        priors.put(TrackingStatus.INFO_RECEIVED, new PriorTransit(60, 0.5));
        priors.put(TrackingStatus.PICKED_UP, new PriorTransit(48, 0.5));
        priors.put(TrackingStatus.IN_TRANSIT, new PriorTransit(30, 0.6));
        priors.put(TrackingStatus.OUT_FOR_DELIVERY, new PriorTransit(4, 0.6));
        // Usually the next working day's round.
        priors.put(TrackingStatus.FAILED_ATTEMPT, new PriorTransit(26, 0.5));
        // Customs clearance times vary widely: missing documents can take days.
        priors.put(TrackingStatus.CUSTOMS_HOLD, new PriorTransit(72, 0.8));
        // Depends on when the recipient walks to the pickup point.
        priors.put(TrackingStatus.AVAILABLE_FOR_PICKUP, new PriorTransit(48, 0.8));
        // Twenty pseudo-observations: a lane's own data outweighs the prior from its twenty-first delivery on.
        return new PredictionSettings(priors, 20, 30);
    }

    public Optional<PriorTransit> prior(TrackingStatus status) {
        return Optional.ofNullable(priors.get(status));
    }
}
