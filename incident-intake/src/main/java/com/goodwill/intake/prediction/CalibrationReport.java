package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.prediction.TrainingObservations.Scan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks that predicted probabilities of lateness mean what they say, on a synthetic history whose lanes behave in
 * known, deliberately different ways: a fast domestic lane, a slow cross-border lane with a long tail, a bimodal lane
 * (a parcel either makes the night trunk or waits for the next), a lane through customs, and a lane too small to
 * learn much from (so the prior carries it).
 * <p>
 * Trains on the first 70 % of shipments in time order; on the rest, predicts P(late) at every scan made while the
 * promise could still be kept (the moment a prediction is useful), and scores the predictions against what happened.
 * <p>
 * Run: {@code java -cp ... com.goodwill.intake.prediction.CalibrationReport [seed] [shipments]}.
 */
public final class CalibrationReport {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_SHIPMENTS = 5000;
    private static final double TRAINING_SHARE = 0.7;
    private static final int BINS = 10;
    private static final Instant HISTORY_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int HISTORY_DAYS = 120;

    /** Predicts P(late) for a shipment that reached {@code status} at {@code statusAt}. */
    @FunctionalInterface
    public interface Forecaster {
        double probabilityLate(Lane lane, TrackingStatus status, Instant statusAt, Instant promisedBy);
    }

    /** One reliability bin: predictions in [from, to). */
    public record Bin(double from, double to, long count, double meanPredicted, double observedLateShare) {
    }

    /**
     * @param trainingLateShare share of training shipments delivered late
     * @param baselineRate      climatology: late share over the training set's prediction points, predicted always
     * @param evaluations       predictions scored (test shipments x their scans before the promise)
     */
    public record Result(int trainingShipments, int testShipments, double trainingLateShare, double testLateShare,
                         double baselineRate, long evaluations, double brier, double baselineBrier, List<Bin> bins) {

        /** Brier skill score against climatology: 1 is perfect, 0 no better than always predicting the base rate. */
        public double skill() {
            return 1 - brier / baselineBrier;
        }

        /** The count-weighted mean of |mean predicted - observed late share| over the reliability bins. */
        public double expectedCalibrationError() {
            return bins.stream().filter(b -> b.count() > 0)
                    .mapToDouble(b -> b.count() * Math.abs(b.meanPredicted() - b.observedLateShare()))
                    .sum() / Math.max(1, evaluations);
        }
    }

    private CalibrationReport() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
        int shipments = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SHIPMENTS;
        System.out.print(format(seed, run(seed, shipments)));
    }

    /** Trains and scores the delay predictor with the default settings. */
    public static Result run(long seed, int shipments) {
        DelayPredictor predictor = new DelayPredictor(PredictionSettings.defaults());
        return run(seed, shipments, model -> (lane, status, statusAt, promisedBy) ->
                // Every status the synthetic carriers emit has a configured prior, so there is always an estimate.
                predictor.estimate(model, lane, status, statusAt, promisedBy).orElseThrow().probabilityLate());
    }

    /** Trains, then scores whatever forecaster {@code forecasterOf} builds from the trained model. */
    public static Result run(long seed, int shipments, Function<TransitTimes, Forecaster> forecasterOf) {
        if (shipments < 10) {
            throw new IllegalArgumentException("need at least 10 shipments to split into training and test");
        }
        List<SyntheticShipment> history = generate(new Random(seed), shipments);
        int trainingCount = (int) Math.round(shipments * TRAINING_SHARE);
        List<SyntheticShipment> training = history.subList(0, trainingCount);
        List<SyntheticShipment> test = history.subList(trainingCount, history.size());

        TransitTimes model = new TransitTimes();
        for (SyntheticShipment shipment : training) {
            model.learnDelivered(shipment.lane(), shipment.scans(), shipment.deliveredAt());
        }
        Forecaster forecaster = forecasterOf.apply(model);

        double baselineRate = predictionPoints(training).stream().mapToDouble(p -> p.late() ? 1 : 0).average()
                .orElse(0);
        List<PredictionPoint> points = predictionPoints(test);
        double[] predicted = new double[points.size()];
        boolean[] late = new boolean[points.size()];
        for (int i = 0; i < points.size(); i++) {
            PredictionPoint point = points.get(i);
            predicted[i] = forecaster.probabilityLate(point.lane(), point.status(), point.at(), point.promisedBy());
            late[i] = point.late();
        }
        return new Result(training.size(), test.size(), lateShare(training), lateShare(test), baselineRate,
                points.size(), brier(predicted, late, null), brier(predicted, late, baselineRate),
                reliability(predicted, late));
    }

    public static String format(long seed, Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Delay prediction calibration (seed %d)%n", seed));
        out.append(String.format(Locale.ROOT, "shipments: %d training, %d test; late: %.1f %% training, %.1f %% test%n",
                result.trainingShipments(), result.testShipments(), 100 * result.trainingLateShare(),
                100 * result.testLateShare()));
        out.append(String.format(Locale.ROOT, "predictions scored (test scans before the promise): %d%n",
                result.evaluations()));
        out.append(String.format(Locale.ROOT, "Brier score, model:                       %.4f%n", result.brier()));
        out.append(String.format(Locale.ROOT, "Brier score, climatology (always %.3f):   %.4f%n",
                result.baselineRate(), result.baselineBrier()));
        out.append(String.format(Locale.ROOT, "Brier skill score:                        %.3f%n", result.skill()));
        out.append(String.format(Locale.ROOT, "Expected calibration error:               %.4f%n",
                result.expectedCalibrationError()));
        out.append(String.format(Locale.ROOT, "%nReliability%n%-12s %8s %15s %14s%n",
                "bin", "count", "mean predicted", "observed late"));
        for (Bin bin : result.bins()) {
            out.append(bin.count() == 0
                    ? String.format(Locale.ROOT, "[%.1f, %.1f%s %8d %15s %14s%n", bin.from(), bin.to(),
                    bin.to() >= 1 ? "]" : ")", 0, "-", "-")
                    : String.format(Locale.ROOT, "[%.1f, %.1f%s %8d %15.3f %14.3f%n", bin.from(), bin.to(),
                    bin.to() >= 1 ? "]" : ")", bin.count(), bin.meanPredicted(), bin.observedLateShare()));
        }
        return out.toString();
    }

    /** Mean squared error of the predictions, or of a constant forecast when one is given. */
    private static double brier(double[] predicted, boolean[] late, Double constant) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double p = constant == null ? predicted[i] : constant;
            double error = p - (late[i] ? 1 : 0);
            sum += error * error;
        }
        return predicted.length == 0 ? 0 : sum / predicted.length;
    }

    private static List<Bin> reliability(double[] predicted, boolean[] late) {
        long[] count = new long[BINS];
        double[] predictedSum = new double[BINS];
        long[] lateCount = new long[BINS];
        for (int i = 0; i < predicted.length; i++) {
            int bin = Math.min(BINS - 1, (int) (predicted[i] * BINS));
            count[bin]++;
            predictedSum[bin] += predicted[i];
            lateCount[bin] += late[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b],
                    count[b] == 0 ? Double.NaN : predictedSum[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) lateCount[b] / count[b]));
        }
        return bins;
    }

    private static double lateShare(List<SyntheticShipment> shipments) {
        return shipments.stream().mapToDouble(s -> s.late() ? 1 : 0).average().orElse(0);
    }

    private record PredictionPoint(Lane lane, TrackingStatus status, Instant at, Instant promisedBy, boolean late) {
    }

    private static List<PredictionPoint> predictionPoints(List<SyntheticShipment> shipments) {
        List<PredictionPoint> points = new ArrayList<>();
        for (SyntheticShipment shipment : shipments) {
            for (Scan scan : shipment.scans()) {
                if (ShipmentStatuses.learnable(scan.status()) && scan.occurredAt().isBefore(shipment.promisedBy())) {
                    points.add(new PredictionPoint(shipment.lane(), scan.status(), scan.occurredAt(),
                            shipment.promisedBy(), shipment.late()));
                }
            }
        }
        return points;
    }

    // ---- synthetic history ----

    private record SyntheticShipment(Lane lane, Instant createdAt, Instant promisedBy, List<Scan> scans,
                                     Instant deliveredAt) {
        boolean late() {
            return deliveredAt.isAfter(promisedBy);
        }
    }

    @FunctionalInterface
    private interface HoursDistribution {
        double sample(Random random);
    }

    /**
     * @param promiseDays   the shop promises delivery by the end of the day this many days after the order
     * @param customsRate   share of parcels held in customs during the line haul
     * @param failedAttempt share of first delivery attempts that fail
     * @param lineHaul      hours from the first hub scan to going out for delivery (customs hold excluded)
     */
    private record SyntheticLane(Lane lane, double share, int promiseDays, double customsRate, double failedAttempt,
                                 HoursDistribution lineHaul) {
    }

    private static final List<SyntheticLane> LANES = List.of(
            new SyntheticLane(new Lane("DHL", "DE", "DE", "STANDARD"), 0.40, 2, 0, 0.06,
                    r -> logNormal(r, 14, 0.35)),
            // Mostly two days on the road, but one parcel in eight gets stuck at a depot for days.
            new SyntheticLane(new Lane("DPD", "DE", "FR", "STANDARD"), 0.25, 3, 0, 0.08,
                    r -> r.nextDouble() < 0.12 ? 40 + 60 * -Math.log(1 - r.nextDouble()) : logNormal(r, 40, 0.3)),
            // Makes the night trunk (about 16 h) or waits for the next scheduled one (about 64 h).
            new SyntheticLane(new Lane("UPS", "DE", "PL", "STANDARD"), 0.195, 3, 0, 0.05,
                    r -> r.nextDouble() < 0.6 ? logNormal(r, 16, 0.15) : logNormal(r, 64, 0.15)),
            new SyntheticLane(new Lane("POST", "CH", "DE", "STANDARD"), 0.15, 4, 0.35, 0.06,
                    r -> logNormal(r, 30, 0.4)),
            // Rare: a few dozen shipments, so its predictions lean on the prior.
            new SyntheticLane(new Lane("GLS", "AT", "DE", "EXPRESS"), 0.005, 1, 0, 0.05,
                    r -> logNormal(r, 8, 0.3)));

    private static List<SyntheticShipment> generate(Random random, int count) {
        List<SyntheticShipment> shipments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant createdAt = HISTORY_START.plusSeconds((long) (random.nextDouble() * HISTORY_DAYS * 86_400));
            shipments.add(ship(random, pickLane(random), createdAt));
        }
        shipments.sort(Comparator.comparing(SyntheticShipment::createdAt));
        return shipments;
    }

    private static SyntheticLane pickLane(Random random) {
        double u = random.nextDouble() * LANES.stream().mapToDouble(SyntheticLane::share).sum();
        for (SyntheticLane lane : LANES) {
            u -= lane.share();
            if (u < 0) {
                return lane;
            }
        }
        return LANES.get(LANES.size() - 1);
    }

    private static SyntheticShipment ship(Random r, SyntheticLane lane, Instant createdAt) {
        List<Scan> scans = new ArrayList<>();
        Instant t = createdAt;
        scans.add(new Scan(TrackingStatus.INFO_RECEIVED, t));
        t = plusHours(t, logNormal(r, 10, 0.5));
        scans.add(new Scan(TrackingStatus.PICKED_UP, t));
        t = plusHours(t, uniform(r, 2, 6));
        scans.add(new Scan(TrackingStatus.IN_TRANSIT, t));
        double lineHaul = lane.lineHaul().sample(r);
        if (r.nextDouble() < lane.customsRate()) {
            scans.add(new Scan(TrackingStatus.CUSTOMS_HOLD, plusHours(t, uniform(r, 0.2, 0.5) * lineHaul)));
            t = plusHours(t, lineHaul + logNormal(r, 20, 0.8));
        } else {
            t = plusHours(t, lineHaul);
        }
        scans.add(new Scan(TrackingStatus.OUT_FOR_DELIVERY, t));
        t = plusHours(t, uniform(r, 1, 9));
        if (r.nextDouble() < lane.failedAttempt()) {
            scans.add(new Scan(TrackingStatus.FAILED_ATTEMPT, t));
            if (r.nextDouble() < 0.5) {
                t = plusHours(t, logNormal(r, 24, 0.15));
            } else {
                t = plusHours(t, uniform(r, 2, 6));
                scans.add(new Scan(TrackingStatus.AVAILABLE_FOR_PICKUP, t));
                t = plusHours(t, logNormal(r, 30, 0.7));
            }
        }
        scans.add(new Scan(TrackingStatus.DELIVERED, t));
        Instant promisedBy = createdAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(lane.promiseDays() + 1L));
        return new SyntheticShipment(lane.lane(), createdAt, promisedBy, List.copyOf(scans), t);
    }

    private static double logNormal(Random random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static double uniform(Random random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    private static Instant plusHours(Instant instant, double hours) {
        return instant.plusMillis(Math.round(hours * 3_600_000));
    }
}
