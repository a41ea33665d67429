package io.dgating.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Train, validation and test rows of one dataset, and the standardisation the features went
 * through (fitted on the training rows; the identity when none was applied).
 *
 * @param train rows to fit on
 * @param validation rows for model selection (may be empty)
 * @param test held-out rows
 * @param standardization what was applied to all three; exporters fold it into the model
 */
public record DatasetSplits(Dataset train, Dataset validation, Dataset test, Standardization standardization) {

    /**
     * Checks that the three parts agree on the example shape and the task.
     *
     * @param train rows to fit on
     * @param validation rows for model selection (may be empty)
     * @param test held-out rows
     * @param standardization what was applied to all three; exporters fold it into the model
     * @throws IllegalArgumentException if they do not
     */
    public DatasetSplits {
        if (!train.sampleShape().equals(validation.sampleShape())
                || !train.sampleShape().equals(test.sampleShape())
                || train.task() != test.task()
                || train.task() != validation.task()
                || standardization.size() != train.cols()) {
            throw new IllegalArgumentException("splits disagree on example shape or task");
        }
        if (train.rows() == 0) {
            throw new IllegalArgumentException("training split of " + train.name() + " is empty");
        }
    }

    /**
     * Splits a dataset at random (stratified by class for classification) and leaves the
     * features as they are.
     *
     * @param data the dataset
     * @param validationFraction share of rows for validation, in {@code [0, 1)}
     * @param testFraction share of rows for test, in {@code [0, 1)}
     * @param seed random seed; the same seed gives the same split
     * @return the splits
     */
    public static DatasetSplits random(Dataset data, double validationFraction, double testFraction, long seed) {
        if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("validation (" + validationFraction + ") and test (" + testFraction
                    + ") fractions must be >= 0 and sum to less than 1");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> strata = new ArrayList<>();
        if (data.task() == Task.CLASSIFICATION) {
            int[] counts = new int[data.classes()];
            for (int r = 0; r < data.rows(); r++) {
                counts[(int) data.target(r)]++;
            }
            int[][] byClass = new int[counts.length][];
            int[] fill = new int[counts.length];
            for (int c = 0; c < counts.length; c++) {
                byClass[c] = new int[counts[c]];
            }
            for (int r = 0; r < data.rows(); r++) {
                int c = (int) data.target(r);
                byClass[c][fill[c]++] = r;
            }
            strata.addAll(List.of(byClass));
        } else {
            strata.add(IntStream.range(0, data.rows()).toArray());
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] stratum : strata) {
            int[] idx = stratum.clone();
            shuffle(idx, rng);
            int nTest = (int) Math.round(idx.length * testFraction);
            int nVal = (int) Math.round(idx.length * validationFraction);
            for (int i = 0; i < idx.length; i++) {
                (i < nTest ? test : i < nTest + nVal ? val : train).add(idx[i]);
            }
        }
        return fitCategories(new DatasetSplits(
                data.select(sorted(train), "/train"),
                data.select(sorted(val), "/validation"),
                data.select(sorted(test), "/test"),
                Standardization.identity(data.cols())));
    }

    /**
     * Fits a table's categorical encoding to the training rows: indicators of categories only
     * validation or test rows hold are dropped from every split, so those values read as all zeros,
     * as they will for a deployed model meeting a category it was not trained on.
     */
    private static DatasetSplits fitCategories(DatasetSplits s) {
        if (s.train().encoding().isEmpty()) {
            return s;
        }
        int[] keep = s.train().encoding().get().seenIn(s.train());
        if (keep.length == s.train().cols()) {
            return s;
        }
        return new DatasetSplits(
                s.train().selectColumns(keep),
                s.validation().selectColumns(keep),
                s.test().selectColumns(keep),
                Standardization.identity(keep.length));
    }

    /**
     * Uses a given train/test pair (e.g. MNIST's canonical split) and carves a validation
     * share out of the training rows.
     *
     * @param train training rows
     * @param test test rows
     * @param validationFraction share of {@code train} moved to validation
     * @param seed random seed
     * @return the splits
     */
    public static DatasetSplits fixed(Dataset train, Dataset test, double validationFraction, long seed) {
        DatasetSplits inner = random(train, validationFraction, 0.0, seed);
        return new DatasetSplits(inner.train(), inner.validation(), test, Standardization.identity(train.cols()));
    }

    /**
     * Returns these splits standardised by mean and standard deviation of the training rows: per
     * column for tabular rows (categorical indicators stay 0/1), per channel for images
     * ({@link Standardization#fitPerChannel}).
     *
     * @return standardised splits (windows of token ids, with a target at every position, unchanged)
     */
    public DatasetSplits standardized() {
        if (train.targetsPerRow() > 1) {
            // windows of token ids (a target at every position): ids are names of tokens, not measurements
            return this;
        }
        Standardization s =
                train.sampleShape().rank() == 3 ? Standardization.fitPerChannel(train) : Standardization.fit(train);
        if (train.encoding().isPresent()) {
            // indicators stay 0/1: z-scoring a rare category's indicator would blow it up like a rare pixel
            double[] mean = s.mean();
            double[] scale = s.scale();
            for (CategoricalEncoding.Column c : train.encoding().get().columns()) {
                Arrays.fill(mean, c.first(), c.end(), 0.0);
                Arrays.fill(scale, c.first(), c.end(), 1.0);
            }
            s = new Standardization(mean, scale);
        }
        return new DatasetSplits(train.standardized(s), validation.standardized(s), test.standardized(s), s);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
