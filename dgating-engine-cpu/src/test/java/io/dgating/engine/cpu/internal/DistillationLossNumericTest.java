package io.dgating.engine.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.model.Head;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The classification loss with a teacher's probabilities mixed into the targets, against an
 * independent float64 cross-entropy and its central finite differences.
 */
class DistillationLossNumericTest {

    static final int ROWS = 5;
    static final int CLASSES = 4;

    @Test
    void lossAndGradientAreTheCrossEntropyAgainstTheMixedTargets() {
        Random rnd = new Random(17);
        float[] z = new float[ROWS * CLASSES];
        float[] labels = new float[ROWS];
        float[] teacher = new float[ROWS * CLASSES];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = rnd.nextInt(CLASSES);
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                z[r * CLASSES + c] = (float) (2 * rnd.nextGaussian());
                teacher[r * CLASSES + c] = (float) -Math.log(rnd.nextDouble());
                sum += teacher[r * CLASSES + c];
            }
            for (int c = 0; c < CLASSES; c++) {
                teacher[r * CLASSES + c] /= (float) sum;
            }
        }
        for (double a : new double[] {0, 0.3, 1}) {
            float[] grad = new float[z.length];
            double loss = new LossHead(Head.SOFTMAX_CROSS_ENTROPY, CLASSES, 1).loss(z, labels, teacher, a, ROWS, grad);
            assertEquals(reference(toDouble(z), labels, teacher, a), loss, 1e-6, "loss at a = " + a);
            for (int i = 0; i < z.length; i++) {
                double[] plus = toDouble(z);
                double[] minus = toDouble(z);
                plus[i] += 1e-4;
                minus[i] -= 1e-4;
                double fd = (reference(plus, labels, teacher, a) - reference(minus, labels, teacher, a)) / 2e-4;
                assertEquals(fd, grad[i], 1e-5, "d loss / d z[" + i + "] at a = " + a);
            }
        }
        float[] hard = new float[z.length];
        float[] none = new float[z.length];
        double withZero = new LossHead(Head.SOFTMAX_CROSS_ENTROPY, CLASSES, 1).loss(z, labels, teacher, 0, ROWS, hard);
        double without = new LossHead(Head.SOFTMAX_CROSS_ENTROPY, CLASSES, 1).loss(z, labels, ROWS, none);
        assertEquals(without, withZero, 1e-12, "weight 0 is the plain label loss");
    }

    // mean over rows of -sum_c t_c log softmax(z)_c with t = (1 - a) onehot + a teacher, in double
    static double reference(double[] z, float[] labels, float[] teacher, double a) {
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            double lse = 0;
            for (int c = 0; c < CLASSES; c++) {
                lse += Math.exp(z[r * CLASSES + c]);
            }
            lse = Math.log(lse);
            for (int c = 0; c < CLASSES; c++) {
                double t = (1 - a) * (c == (int) labels[r] ? 1 : 0) + a * teacher[r * CLASSES + c];
                total -= t * (z[r * CLASSES + c] - lse);
            }
        }
        return total / ROWS;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
