package io.dgating.cli.command;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.CsvReader;
import io.dgating.api.data.DataDirectory;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.RemoteFiles;
import io.dgating.api.data.Task;
import io.dgating.api.data.TextCorpus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where the data comes from and how it is split and standardised. */
final class DataOptions {

    @Option(
            names = {"-d", "--dataset", "--data"},
            paramLabel = "NAME|FILE.csv",
            description = "A bundled dataset (breast-cancer, wine, iris, digits), a fetched one (mnist, "
                    + "fashion-mnist, moby-dick; see scripts/fetch-data.sh), a CSV file (optionally .gz), or a UTF-8 "
                    + "text file (.txt) for a character-level language model (--model gpt:...).")
    String dataset;

    @Option(
            names = "--label",
            defaultValue = "-1",
            paramLabel = "COL",
            description =
                    "Label column of a CSV file: header name or 0-based index (-1 = last). Default: ${DEFAULT-VALUE}.")
    String label;

    @Option(
            names = "--task",
            defaultValue = "classification",
            description = "classification or regression (CSV files). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(
            names = "--categorical",
            paramLabel = "COL,...|auto",
            description =
                    "CSV columns holding categories: each becomes one 0/1 indicator per category seen in the training "
                            + "rows (unseen or missing values: all zeros), gated as one group; 'auto' takes every column with a "
                            + "value that is not a number. Without it a non-numeric value is an error.")
    String categorical;

    @Option(
            names = "--validation-fraction",
            defaultValue = "0.2",
            description = "Share of rows for validation. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            description =
                    "Share of rows for test (ignored for datasets with a fixed test set). Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(
            names = "--no-standardize",
            description =
                    "Do not standardise features (by default they are, with mean and deviation of the training rows).")
    boolean noStandardize;

    /** Loads and splits the data, standardised unless switched off. */
    DatasetSplits load(long seed) {
        return load(seed, java.util.OptionalInt.empty());
    }

    /**
     * Loads and splits the data, standardised unless switched off or text (token ids are not features
     * to standardise).
     *
     * @param seed split seed
     * @param context the window length of a sequence model, which a text dataset needs
     */
    DatasetSplits load(long seed, java.util.OptionalInt context) {
        DatasetSplits splits = loadRaw(seed, context);
        return noStandardize || isText() ? splits : splits.standardized();
    }

    /** {@return whether the data is a text for a language model} */
    boolean isText() {
        String name = dataset == null ? "" : dataset.toLowerCase(Locale.ROOT);
        return name.equals("moby-dick") || name.endsWith(".txt");
    }

    /** Loads and splits the data without standardising (exported models take raw features). */
    DatasetSplits loadRaw(long seed) {
        return loadRaw(seed, java.util.OptionalInt.empty());
    }

    /**
     * Loads and splits the data without standardising.
     *
     * @param seed split seed
     * @param context the window length of a sequence model, which a text dataset needs
     */
    DatasetSplits loadRaw(long seed, java.util.OptionalInt context) {
        if (dataset == null || dataset.isBlank()) {
            // not picocli's "required": a config file may name the dataset, and picocli would not count that
            throw new IllegalArgumentException(
                    "--dataset (or --data) is required: a bundled name (breast-cancer, wine, "
                            + "iris, digits), mnist, fashion-mnist, or a CSV file");
        }
        String name = dataset.toLowerCase(Locale.ROOT);
        DatasetSplits splits;
        if (categorical != null && (isBundled(name) || name.equals("mnist") || name.equals("fashion-mnist"))) {
            throw new IllegalArgumentException(
                    "--categorical reads columns of a CSV file; " + name + " is all numeric");
        }
        if (isText()) {
            if (context.isEmpty()) {
                throw new IllegalArgumentException(dataset + " is a text: train a language model on it, e.g. --model "
                        + "gpt:layers=2,heads=4,dim=64,context=64");
            }
            if (categorical != null) {
                throw new IllegalArgumentException(
                        "--categorical reads columns of a CSV file; " + dataset + " is a text");
            }
            Path file = name.equals("moby-dick")
                    ? DataDirectory.fromEnvironment()
                            .text(name)
                            .orElseThrow(() -> new IllegalArgumentException(name + " is not in "
                                    + DataDirectory.fromEnvironment().root() + "; fetch it with scripts/fetch-data.sh "
                                    + name))
                    : RemoteFiles.local(dataset);
            return TextCorpus.read(file).splits(context.getAsInt(), validationFraction, testFraction);
        }
        if (name.equals("mnist") || name.equals("fashion-mnist")) {
            DataDirectory dir = DataDirectory.fromEnvironment();
            Dataset[] tt = dir.idx(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            name + " is not in " + dir.root() + "; fetch it with scripts/fetch-data.sh " + name));
            splits = DatasetSplits.fixed(tt[0], tt[1], validationFraction, seed);
        } else {
            Dataset d = isBundled(name) ? BundledDataset.byId(name).load() : reader().read(RemoteFiles.local(dataset));
            splits = DatasetSplits.random(d, validationFraction, testFraction, seed);
        }
        return splits;
    }

    private CsvReader reader() {
        CsvReader r = CsvReader.of(label, parseTask());
        if (categorical == null || categorical.isBlank()) {
            return r;
        }
        return categorical.trim().equalsIgnoreCase("auto")
                ? r.withAutoCategorical()
                : r.withCategorical(Arrays.stream(categorical.split(","))
                        .map(String::trim)
                        .filter(c -> !c.isEmpty())
                        .toList());
    }

    private Task parseTask() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default ->
                throw new IllegalArgumentException("--task must be classification or regression, got '" + task + "'");
        };
    }

    private static boolean isBundled(String name) {
        return Arrays.stream(BundledDataset.values()).anyMatch(b -> b.id().equals(name.replace('_', '-')));
    }

    /** {@return the one-line summary of loaded splits that the commands print} */
    String summary(DatasetSplits splits) {
        var train = splits.train();
        String examples = train.targetsPerRow() > 1
                ? "windows of " + train.cols() + " characters, vocabulary " + train.classes()
                : train.sampleShape().rank() > 1 ? "images " + train.sampleShape() : train.cols() + " features";
        return String.format(
                "dataset %s: %d train / %d validation / %d test rows, %s",
                dataset, train.rows(), splits.validation().rows(), splits.test().rows(), examples);
    }
}
