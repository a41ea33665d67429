package io.dgating.api.train;

import java.util.SplittableRandom;

/**
 * The order in which an engine visits the training rows in each epoch, and the seeds of its
 * other per-epoch randomness. Every engine uses it, so two engines given the same seed see the
 * same batches; each epoch's order depends only on the seed and the epoch, so a resumed run
 * continues exactly.
 */
public final class EpochOrder {

    /** Stream id of the row order. */
    public static final long SHUFFLE_STREAM = 0x9E3779B97F4A7C15L;
    /** Stream id of dropout masks. */
    public static final long DROPOUT_STREAM = 0xC2B2AE3D27D4EB4FL;

    private EpochOrder() {}

    /**
     * Returns the row order of an epoch: a Fisher-Yates shuffle of {@code 0 .. n-1}.
     *
     * @param seed the training seed
     * @param epoch 1-based epoch
     * @param n number of rows
     * @return a permutation
     */
    public static int[] permutation(long seed, int epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(mix(seed ^ SHUFFLE_STREAM, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Returns a well-mixed seed for stream {@code index} of {@code base} (MurmurHash3's 64-bit finaliser).
     *
     * @param base the base seed
     * @param index the stream (epoch, layer)
     * @return the derived seed
     */
    public static long mix(long base, long index) {
        long z = base + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
