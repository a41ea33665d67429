package io.dgating.export.kinds;

/**
 * Folds an inference-mode batch norm into the convolution (or dense layer) before it: with
 * {@code s = gamma / sqrt(var + eps)}, {@code W'[f] = s[f] W[f]} and
 * {@code b'[f] = s[f] (b[f] - mean[f]) + beta[f]}. Exact in real arithmetic because the batch
 * norm is affine per channel; computed in double and rounded once.
 *
 * @param weight the folded weight, filter-major
 * @param bias the folded bias
 */
public record BatchNormFold(float[] weight, float[] bias) {

    /**
     * Folds.
     *
     * @param weight {@code [F, ...]} filter-major
     * @param bias {@code [F]}, or null for a layer without a bias
     * @param gamma batch-norm scale {@code [F]}
     * @param beta batch-norm shift {@code [F]}
     * @param mean running mean {@code [F]}
     * @param var running variance {@code [F]}
     * @param epsilon the batch norm's epsilon
     * @return the folded weight and bias
     */
    public static BatchNormFold of(
            float[] weight, float[] bias, float[] gamma, float[] beta, float[] mean, float[] var, double epsilon) {
        int filters = gamma.length;
        int per = weight.length / filters;
        float[] w = new float[weight.length];
        float[] b = new float[filters];
        for (int f = 0; f < filters; f++) {
            double s = gamma[f] / Math.sqrt((double) var[f] + epsilon);
            for (int i = 0; i < per; i++) {
                w[f * per + i] = (float) (s * weight[f * per + i]);
            }
            b[f] = (float) (s * ((bias == null ? 0.0 : bias[f]) - mean[f]) + beta[f]);
        }
        return new BatchNormFold(w, b);
    }
}
