package com.goodwill.intake.prediction;

import com.tdunning.math.stats.MergingDigest;

import java.nio.ByteBuffer;

/**
 * A streaming quantile sketch (t-digest) of remaining hours to delivery from one status on one lane.
 * Memory stays bounded by the compression however many shipments a lane sees, and the tails, where lateness
 * lives, are kept most accurately. Synchronised: the digest buffers and re-merges internally even on reads.
 */
public final class RemainingHoursSketch {

    private final MergingDigest digest;

    public RemainingHoursSketch(double compression) {
        this(new MergingDigest(compression));
    }

    private RemainingHoursSketch(MergingDigest digest) {
        this.digest = digest;
    }

    /** Restores a sketch written by {@link #toBytes()}. */
    public static RemainingHoursSketch fromBytes(byte[] bytes) {
        return new RemainingHoursSketch(MergingDigest.fromBytes(ByteBuffer.wrap(bytes)));
    }

    public synchronized void add(double remainingHours) {
        if (!Double.isFinite(remainingHours) || remainingHours < 0) {
            throw new IllegalArgumentException("remaining hours must be finite and >= 0: " + remainingHours);
        }
        digest.add(remainingHours);
    }

    /** The number of observations the sketch summarises (stored alongside the bytes). */
    public synchronized long sampleCount() {
        return digest.size();
    }

    /** P(R <= hours). */
    public synchronized double cdf(double hours) {
        return digest.cdf(hours);
    }

    /** The remaining hours below which the given share of observations lie. */
    public synchronized double quantile(double share) {
        return digest.quantile(share);
    }

    /** The full-precision encoding, for a bytea column. */
    public synchronized byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(digest.byteSize());
        digest.asBytes(buffer);
        return buffer.array();
    }
}
