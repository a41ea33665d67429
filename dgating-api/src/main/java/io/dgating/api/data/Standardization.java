package io.dgating.api.data;

import io.dgating.api.Shape;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature z-scoring {@code (x - mean) / scale}, fitted on a training split only so that no
 * information from validation or test rows leaks into training.
 *
 * @param mean per-feature mean of the training rows
 * @param scale per-feature standard deviation of the training rows (1 where it is 0)
 */
public record Standardization(double[] mean, double[] scale) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies and checks the arrays.
     *
     * @param mean per-feature mean of the training rows
     * @param scale per-feature standard deviation of the training rows (1 where it is 0)
     */
    public Standardization {
        mean = mean.clone();
        scale = scale.clone();
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale lengths differ");
        }
    }

    /**
     * Fits mean and standard deviation (population form) on every column of {@code train}.
     * Constant columns get scale 1, so they map to 0 instead of dividing by zero.
     *
     * @param train the training rows
     * @return the fitted standardisation
     */
    public static Standardization fit(Dataset train) {
        int cols = train.cols();
        double[] mean = new double[cols];
        double[] m2 = new double[cols];
        // Welford: stable for columns with a large offset (e.g. breast cancer's area ~ 1e3)
        for (int r = 0; r < train.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double x = train.feature(r, c);
                double delta = x - mean[c];
                mean[c] += delta / (r + 1);
                m2[c] += delta * (x - mean[c]);
            }
        }
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            double sd = train.rows() > 0 ? Math.sqrt(m2[c] / train.rows()) : 0;
            scale[c] = sd > 0 ? sd : 1.0;
        }
        return new Standardization(mean, scale);
    }

    /**
     * Fits one mean and standard deviation per channel of image rows (sample shape
     * {@code [C, H, W]}) and repeats them over the channel's pixels: the normalisation image
     * models use. Per-pixel z-scores blow rare pixels up (an MNIST border pixel lit in one training
     * image gets z = 245), which destabilises training and makes such pixels look informative.
     *
     * @param train the training rows, with an image sample shape
     * @return the fitted standardisation, one (mean, scale) pair per channel
     * @throws IllegalArgumentException if the rows are not images
     */
    public static Standardization fitPerChannel(Dataset train) {
        Shape shape = train.sampleShape();
        if (shape.rank() != 3) {
            throw new IllegalArgumentException("per-channel standardisation needs images [C, H, W], got " + shape);
        }
        int channels = shape.dim(0);
        int pixels = shape.dim(1) * shape.dim(2);
        double[] mean = new double[train.cols()];
        double[] scale = new double[train.cols()];
        for (int ch = 0; ch < channels; ch++) {
            double m = 0;
            double m2 = 0;
            long n = 0;
            for (int r = 0; r < train.rows(); r++) {
                for (int p = ch * pixels; p < (ch + 1) * pixels; p++) {
                    double x = train.feature(r, p);
                    n++;
                    double delta = x - m;
                    m += delta / n;
                    m2 += delta * (x - m);
                }
            }
            double sd = n > 0 ? Math.sqrt(m2 / n) : 0;
            Arrays.fill(mean, ch * pixels, (ch + 1) * pixels, m);
            Arrays.fill(scale, ch * pixels, (ch + 1) * pixels, sd > 0 ? sd : 1.0);
        }
        return new Standardization(mean, scale);
    }

    /**
     * Returns the identity transform for {@code cols} features.
     *
     * @param cols number of features
     * @return mean 0, scale 1
     */
    public static Standardization identity(int cols) {
        double[] ones = new double[cols];
        Arrays.fill(ones, 1.0);
        return new Standardization(new double[cols], ones);
    }

    /** {@return a copy of the means} */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** {@return a copy of the scales} */
    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** {@return the number of features} */
    public int size() {
        return mean.length;
    }

    /**
     * Standardises one row in place.
     *
     * @param row the buffer
     * @param offset where the row starts
     */
    public void applyInPlace(float[] row, int offset) {
        for (int c = 0; c < mean.length; c++) {
            row[offset + c] = (float) ((row[offset + c] - mean[c]) / scale[c]);
        }
    }
}
