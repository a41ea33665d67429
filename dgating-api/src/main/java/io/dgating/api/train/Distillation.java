package io.dgating.api.train;

import java.util.Arrays;

/**
 * Knowledge distillation from a teacher (the original of an imported model): the classification
 * loss becomes the cross-entropy against {@code (1 - weight) * onehot(label) + weight * teacher},
 * i.e. {@code (1 - weight) CE(label) + weight CE(teacher's probabilities)}, at temperature 1. Its
 * gradient w.r.t. the logits is {@code softmax(z) - target}, as for hard labels.
 *
 * @param teacher the teacher's class probabilities for every training row, row-major {@code [rows, classes]}
 * @param weight the teacher's share of the target, in {@code [0, 1]}
 */
public record Distillation(float[] teacher, double weight) {

    /**
     * Validates.
     *
     * @param teacher the teacher's class probabilities for every training row, row-major {@code [rows, classes]}
     * @param weight the teacher's share of the target, in {@code [0, 1]}
     * @throws IllegalArgumentException if the weight is outside [0, 1] or a probability is not finite
     */
    public Distillation {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in [0, 1], got " + weight);
        }
        teacher = teacher.clone();
        for (float p : teacher) {
            if (!Float.isFinite(p) || p < 0) {
                throw new IllegalArgumentException("the teacher's probabilities must be finite and >= 0, got " + p);
            }
        }
    }

    /** {@return a copy of the teacher's probabilities} */
    @Override
    public float[] teacher() {
        return teacher.clone();
    }

    /**
     * Copies the teacher's probabilities of one row.
     *
     * @param row the training row
     * @param classes classes per row
     * @param dst destination
     * @param offset where in {@code dst}
     */
    public void copyRow(int row, int classes, float[] dst, int offset) {
        System.arraycopy(teacher, row * classes, dst, offset, classes);
    }

    /** {@return the number of probabilities} */
    public int size() {
        return teacher.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distillation d && d.weight == weight && Arrays.equals(d.teacher, teacher);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(weight) * 31 + Arrays.hashCode(teacher);
    }

    @Override
    public String toString() {
        return "Distillation[weight=" + weight + ", " + teacher.length + " probabilities]";
    }
}
