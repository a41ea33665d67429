package io.dgating.importer;

/** What the original graph applies to its logits at the output; the imported model outputs logits. */
public enum OutputTransform {
    /** The output is the logits (or regression values). */
    NONE,
    /** {@code Softmax} over the classes. */
    SOFTMAX,
    /** {@code LogSoftmax} over the classes. */
    LOG_SOFTMAX;

    /**
     * Applies the transform to rows of logits, as the original graph does.
     *
     * @param logits row-major {@code [rows, classes]}
     * @param classes values per row
     * @return the transformed values (a new array)
     */
    public float[] apply(float[] logits, int classes) {
        float[] out = logits.clone();
        if (this == NONE) {
            return out;
        }
        for (int r = 0; r < out.length / classes; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, out[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(out[r * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                double z = out[r * classes + c] - max;
                out[r * classes + c] = (float) (this == SOFTMAX ? Math.exp(z) / sum : z - Math.log(sum));
            }
        }
        return out;
    }
}
