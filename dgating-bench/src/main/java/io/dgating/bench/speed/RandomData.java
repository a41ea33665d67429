package io.dgating.bench.speed;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.model.ModelSpec;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Random rows a model takes, for timing: uniform features and classes, or, for a language model,
 * random token ids with a random next token at every position. Seeded, so every run times the
 * same data.
 */
final class RandomData {

    private RandomData() {}

    /**
     * Returns the rows as a training split (validation empty, one test row).
     *
     * @param model the model that will read them
     * @param rows how many
     * @return the splits
     */
    static DatasetSplits forModel(ModelSpec model, int rows) {
        int cols = model.inputSize();
        Random rnd = new Random(7);
        Dataset d;
        if (model.outputShape().rank() == 2) {
            int vocab = model.outputShape().dim(1);
            float[] x = new float[rows * cols];
            float[] y = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(vocab);
                y[i] = rnd.nextInt(vocab);
            }
            d = Dataset.sequences("random", model.inputShape(), rows, x, y, cols, names("t", cols), names("c", vocab));
        } else {
            int classes = model.outputSize();
            float[] x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextFloat();
            }
            float[] y = new float[rows];
            for (int i = 0; i < rows; i++) {
                y[i] = rnd.nextInt(classes);
            }
            d = new Dataset(
                    "random",
                    model.inputShape(),
                    rows,
                    x,
                    y,
                    Task.CLASSIFICATION,
                    names("x", cols),
                    names("c", classes));
        }
        return new DatasetSplits(
                d,
                d.select(new int[0], "/validation"),
                d.select(new int[] {0}, "/eval"),
                Standardization.identity(cols));
    }

    private static List<String> names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
