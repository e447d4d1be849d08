package com.goodwill.intake.prediction;

import com.goodwill.intake.prediction.CalibrationReport.Bin;
import com.goodwill.intake.prediction.CalibrationReport.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationReportTest {

    private static final int SHIPMENTS = 5000;

    /**
     * Bins this full are checked. Their observed late share has a binomial standard error of at most
     * sqrt(0.25 / 200) = 0.035; a shipment's several scans share one outcome, which about doubles the effective error,
     * so 0.1 is about three standard errors in the worst bin: random noise passes, a systematic bias of 0.1 does not.
     */
    private static final long MIN_BIN_COUNT = 200;
    private static final double TOLERANCE = 0.1;
    /** At least this share of predictions must fall in checked bins, or the reliability check proves nothing. */
    private static final double MIN_CHECKED_SHARE = 0.9;
    /**
     * Over all bins, weighted by count. Sampling noise alone puts it near 0.01 with about 6,000 predictions (six seeds
     * tried: 0.006 to 0.018); reading every promise 6 hours early or late pushes it above 0.03.
     */
    private static final double MAX_CALIBRATION_ERROR = 0.025;
    /** The model must explain at least this share of climatology's squared error. */
    private static final double MIN_SKILL = 0.1;

    @ParameterizedTest
    @ValueSource(longs = {42, 7, 2026})
    void theModelBeatsClimatologyAndIsCalibrated(long seed) {
        Result result = CalibrationReport.run(seed, SHIPMENTS);

        // The synthetic history is a realistic one: between 10 and 30 % of shipments arrive late.
        assertThat(result.testLateShare()).isBetween(0.1, 0.3);
        assertThat(result.trainingLateShare()).isBetween(0.1, 0.3);
        assertThat(result.evaluations()).isGreaterThan(SHIPMENTS);
        assertThat(result.bins()).hasSize(10);
        assertThat(result.bins().stream().mapToLong(Bin::count).sum()).isEqualTo(result.evaluations());

        assertThat(result.brier()).isLessThan(result.baselineBrier());
        assertThat(result.skill()).isGreaterThan(MIN_SKILL);
        assertThat(miscalibratedBins(result)).isEmpty();
        assertThat(result.expectedCalibrationError()).isLessThan(MAX_CALIBRATION_ERROR);
        assertThat(checkedShare(result)).isGreaterThan(MIN_CHECKED_SHARE);
        // The model spreads its predictions: it is not hiding in one bin.
        assertThat(result.bins().stream().filter(b -> b.count() >= MIN_BIN_COUNT).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        assertThat(CalibrationReport.run(42, 2000)).usingRecursiveComparison()
                .isEqualTo(CalibrationReport.run(42, 2000));
    }

    @Test
    void aCoinTossModelFailsTheChecks() {
        Result coin = CalibrationReport.run(42, SHIPMENTS, model -> (lane, status, at, promisedBy) -> 0.5);

        assertThat(coin.brier()).isCloseTo(0.25, within(1e-12));
        assertThat(coin.brier()).isGreaterThan(coin.baselineBrier());
        assertThat(miscalibratedBins(coin)).isNotEmpty();
    }

    @Test
    void aModelThatIgnoresTheLaneDataFailsTheChecks() {
        // The prior alone: what the predictor would say if learning were broken.
        DelayPredictor priorOnly = new DelayPredictor(PredictionSettings.defaults());
        Result result = CalibrationReport.run(42, SHIPMENTS, model -> (lane, status, at, promisedBy) ->
                priorOnly.estimate(new TransitTimes(), lane, status, at, promisedBy).orElseThrow().probabilityLate());

        assertThat(result.skill()).isLessThan(MIN_SKILL);
        assertThat(miscalibratedBins(result)).isNotEmpty();
    }

    @Test
    void aModelThatInvertsItsPredictionsFailsTheChecks() {
        DelayPredictor predictor = new DelayPredictor(PredictionSettings.defaults());
        Result inverted = CalibrationReport.run(42, SHIPMENTS, model -> (lane, status, at, promisedBy) ->
                1 - predictor.estimate(model, lane, status, at, promisedBy).orElseThrow().probabilityLate());

        assertThat(inverted.brier()).isGreaterThan(inverted.baselineBrier());
        assertThat(miscalibratedBins(inverted)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {-6, 6})
    void aModelThatMisreadsThePromiseBySixHoursIsMiscalibrated(long shiftHours) {
        DelayPredictor predictor = new DelayPredictor(PredictionSettings.defaults());
        Result shifted = CalibrationReport.run(42, SHIPMENTS, model -> (lane, status, at, promisedBy) ->
                predictor.estimate(model, lane, status, at, promisedBy.plus(Duration.ofHours(shiftHours)))
                        .orElseThrow().probabilityLate());

        assertThat(shifted.expectedCalibrationError()).isGreaterThan(MAX_CALIBRATION_ERROR);
    }

    private static List<Bin> miscalibratedBins(Result result) {
        return result.bins().stream()
                .filter(b -> b.count() >= MIN_BIN_COUNT)
                .filter(b -> Math.abs(b.meanPredicted() - b.observedLateShare()) > TOLERANCE)
                .toList();
    }

    private static double checkedShare(Result result) {
        long checked = result.bins().stream().filter(b -> b.count() >= MIN_BIN_COUNT).mapToLong(Bin::count).sum();
        return (double) checked / result.evaluations();
    }
}
