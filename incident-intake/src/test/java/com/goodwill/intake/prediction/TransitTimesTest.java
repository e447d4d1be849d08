package com.goodwill.intake.prediction;

import com.goodwill.contracts.carrier.TrackingStatus;
import com.goodwill.intake.prediction.TrainingObservations.Scan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TransitTimesTest {

    private static final Lane DE_FR = new Lane("DPD", "DE", "FR", "STANDARD");
    private static final double[] SHARES = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

    @Test
    void aSerialisedSketchComesBackWithTheSameQuantilesAndCount() {
        RemainingHoursSketch sketch = new RemainingHoursSketch(TransitTimes.DEFAULT_COMPRESSION);
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            sketch.add(40 * Math.exp(0.5 * random.nextGaussian()));
        }

        byte[] bytes = sketch.toBytes();
        RemainingHoursSketch restored = RemainingHoursSketch.fromBytes(bytes);

        assertThat(restored.sampleCount()).isEqualTo(20_000);
        for (double share : SHARES) {
            assertThat(restored.quantile(share)).as("q%.2f", share).isCloseTo(sketch.quantile(share), within(1e-9));
        }
        assertThat(restored.cdf(40)).isCloseTo(sketch.cdf(40), within(1e-9));
        // Bounded whatever the sample count: a few hundred centroids, not 20,000 values.
        assertThat(bytes.length).isLessThan(8 * 1024);
    }

    @Test
    void aRestoredSketchKeepsLearning() {
        RemainingHoursSketch sketch = DelayPredictorTest.uniform(10, 30, 1000);
        RemainingHoursSketch restored = RemainingHoursSketch.fromBytes(sketch.toBytes());

        for (int i = 0; i < 1000; i++) {
            restored.add(30 + 20 * (i + 0.5) / 1000);
        }

        assertThat(restored.sampleCount()).isEqualTo(2000);
        assertThat(restored.quantile(0.5)).isCloseTo(30, within(0.5));
    }

    @Test
    void theSketchTracksExactQuantiles() {
        Random random = new Random(11);
        double[] values = new double[50_000];
        RemainingHoursSketch sketch = new RemainingHoursSketch(TransitTimes.DEFAULT_COMPRESSION);
        for (int i = 0; i < values.length; i++) {
            // Bimodal: quantile sketches must not smooth the gap between the modes away.
            values[i] = random.nextDouble() < 0.6 ? 16 + 2 * random.nextGaussian() : 64 + 8 * random.nextGaussian();
            values[i] = Math.max(0, values[i]);
            sketch.add(values[i]);
        }
        Arrays.sort(values);

        for (double share : SHARES) {
            double exact = values[(int) (share * (values.length - 1))];
            // t-digest's rank error is below 1 % here; checked as a value error of 2 % of the exact quantile.
            assertThat(sketch.quantile(share)).as("q%.2f", share).isCloseTo(exact, within(0.02 * exact));
        }
    }

    @Test
    void observationsGoToTheirLaneAndStatus() {
        TransitTimes model = new TransitTimes();
        model.observe(DE_FR, TrackingStatus.IN_TRANSIT, 30);
        model.observe(new Lane("dpd", "de", "fr", "STANDARD"), TrackingStatus.IN_TRANSIT, 31);
        model.observe(new Lane("DPD", "de", "fr", "STANDARD"), TrackingStatus.IN_TRANSIT, 32);

        assertThat(model.sketch(DE_FR, TrackingStatus.IN_TRANSIT).orElseThrow().sampleCount()).isEqualTo(2);
        assertThat(model.sketch(DE_FR, TrackingStatus.PICKED_UP)).isEmpty();
        assertThat(model.sketch(new Lane("dpd", "DE", "FR", "STANDARD"), TrackingStatus.IN_TRANSIT)
                .orElseThrow().sampleCount()).isEqualTo(1);
    }

    @Test
    void aDeliveredShipmentTeachesEveryStatusItReached() {
        TransitTimes model = new TransitTimes();
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        model.learnDelivered(DE_FR, List.of(
                new Scan(TrackingStatus.INFO_RECEIVED, start),
                new Scan(TrackingStatus.IN_TRANSIT, start.plusSeconds(10 * 3600)),
                new Scan(TrackingStatus.DELIVERED, start.plusSeconds(40 * 3600))), start.plusSeconds(40 * 3600));

        assertThat(model.sketch(DE_FR, TrackingStatus.INFO_RECEIVED).orElseThrow().quantile(0.5)).isEqualTo(40);
        assertThat(model.sketch(DE_FR, TrackingStatus.IN_TRANSIT).orElseThrow().quantile(0.5)).isEqualTo(30);
        assertThat(model.sketch(DE_FR, TrackingStatus.DELIVERED)).isEmpty();
    }

    @Test
    void sketchesRoundTripThroughStorage() {
        TransitTimes model = new TransitTimes();
        for (int i = 0; i < 500; i++) {
            model.observe(DE_FR, TrackingStatus.PICKED_UP, 20 + i % 40);
        }
        TransitTimes reloaded = new TransitTimes();
        model.forEach((key, sketch) -> reloaded.restore(key.lane(), key.status(), sketch.toBytes()));

        RemainingHoursSketch restored = reloaded.sketch(DE_FR, TrackingStatus.PICKED_UP).orElseThrow();
        assertThat(restored.sampleCount()).isEqualTo(500);
        assertThat(restored.quantile(0.9))
                .isCloseTo(model.sketch(DE_FR, TrackingStatus.PICKED_UP).orElseThrow().quantile(0.9), within(1e-9));
    }

    @Test
    void nothingIsLearntFromTerminalOrUnknownStatusesNorFromImpossibleTimes() {
        TransitTimes model = new TransitTimes();
        assertThatThrownBy(() -> model.observe(DE_FR, TrackingStatus.DELIVERED, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.observe(DE_FR, TrackingStatus.UNKNOWN, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.observe(DE_FR, TrackingStatus.IN_TRANSIT, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.observe(DE_FR, TrackingStatus.IN_TRANSIT, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laneNormalisesMissingPartsAndCountryCase() {
        Lane lane = new Lane("DHL", "de", null, " ");

        assertThat(lane).isEqualTo(new Lane("DHL", "DE", "*", "*"));
        assertThat(lane.key()).isEqualTo("DHL|DE|*|*");
        assertThatThrownBy(() -> new Lane("A|B", "DE", "DE", "X")).isInstanceOf(IllegalArgumentException.class);
    }
}
