package io.dgating.engine.cpu;

import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded synthetic problems shared by the engine tests. */
public final class SyntheticData {

    private SyntheticData() {}

    /**
     * Returns a classification problem where only the first {@code informative} of
     * {@code features} standard normal inputs decide the class: label = 1 when a fixed
     * non-linear score of them is positive. Train, validation and test rows are drawn
     * independently.
     */
    public static DatasetSplits sparseClassification(
            int train, int validation, int test, int features, int informative, long seed) {
        Random rnd = new Random(seed);
        double[] w = IntStream.range(0, informative)
                .mapToDouble(i -> (i % 2 == 0 ? 1 : -1) * (1 + 0.25 * i))
                .toArray();
        Dataset tr = classification("sparse/train", train, features, w, rnd);
        Dataset va = classification("sparse/validation", validation, features, w, rnd);
        Dataset te = classification("sparse/test", test, features, w, rnd);
        return new DatasetSplits(tr, va, te, Standardization.identity(features));
    }

    private static Dataset classification(String name, int n, int p, double[] w, Random rnd) {
        float[] x = new float[n * p];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                x[i * p + k] = (float) rnd.nextGaussian();
                if (k < w.length) {
                    s += w[k] * x[i * p + k];
                }
            }
            // a mild non-linearity so a hidden layer has something to do
            s += 0.5 * x[i * p] * x[i * p + 1];
            y[i] = s > 0 ? 1 : 0;
        }
        return new Dataset(name, n, p, x, y, Task.CLASSIFICATION, names(p), List.of("neg", "pos"));
    }

    /** Returns {@code x0 .. x(p-1)}. */
    public static List<String> names(int p) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            names.add("x" + k);
        }
        return names;
    }

    /**
     * Random images with a class-dependent bright pattern, one split holding all of them.
     *
     * @param shape image shape {@code [C, H, W]}
     * @param rows number of images
     * @param classes number of classes
     * @param seed random seed
     * @return splits whose training, validation and test sets are the same images
     */
    public static DatasetSplits images(Shape shape, int rows, int classes, long seed) {
        Random rnd = new Random(seed);
        int size = shape.size();
        float[] x = new float[rows * size];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(classes);
            for (int k = 0; k < size; k++) {
                x[i * size + k] = (float) (rnd.nextGaussian() + (k % (classes + 2) == y[i] ? 1.5 : 0));
            }
        }
        List<String> names = IntStream.range(0, size).mapToObj(k -> "px" + k).toList();
        List<String> classNames =
                IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        Dataset d = new Dataset("images", shape, rows, x, y, Task.CLASSIFICATION, names, classNames);
        return new DatasetSplits(d, d, d, Standardization.identity(size));
    }
}
