package io.dgating.api.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a dataset comes from and how it is split: a bundled dataset ({@code breast-cancer},
 * {@code wine}, {@code iris}, {@code digits}), a fetched one ({@code mnist}, {@code fashion-mnist},
 * {@code moby-dick}, from {@link DataDirectory}), a CSV file (optionally {@code .gz}) or a UTF-8 text
 * ({@code .txt}, for a character-level language model), each by path or by a URI that a
 * {@link RemoteFiles} on the class path reads. A value of resolved settings: a cluster task given one
 * loads exactly the splits the driver loaded.
 *
 * @param name the dataset's name, file or URI
 * @param label a CSV file's label column: header name or 0-based index ({@code -1}: the last)
 * @param task a CSV file's task
 * @param categorical a CSV file's categorical columns: names separated by commas, {@code auto} (every
 *     column with a value that is not a number), or empty for none
 * @param validationFraction share of rows for validation
 * @param testFraction share of rows for test (ignored where the dataset has a fixed test set)
 * @param standardize whether features are standardised with the training rows' mean and deviation
 *     (never token ids)
 */
public record DataSource(
        String name,
        String label,
        Task task,
        String categorical,
        double validationFraction,
        double testFraction,
        boolean standardize)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The fetched image datasets, as IDX files. */
    private static final List<String> IDX = List.of("mnist", "fashion-mnist");

    /**
     * Checks the settings.
     *
     * @param name the dataset's name, file or URI
     * @param label a CSV file's label column: header name or 0-based index ({@code -1}: the last)
     * @param task a CSV file's task
     * @param categorical a CSV file's categorical columns: names separated by commas, {@code auto}, or
     *     empty for none
     * @param validationFraction share of rows for validation
     * @param testFraction share of rows for test (ignored where the dataset has a fixed test set)
     * @param standardize whether features are standardised with the training rows' mean and deviation
     * @throws IllegalArgumentException if the name is missing, or categorical columns are asked of a
     *     dataset that has none
     */
    public DataSource {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset is needed: a bundled name (breast-cancer, wine, iris, "
                    + "digits), mnist, fashion-mnist, moby-dick, a CSV file or a text file");
        }
        label = label == null ? "-1" : label;
        task = task == null ? Task.CLASSIFICATION : task;
        categorical = categorical == null ? "" : categorical.trim();
        String n = name.toLowerCase(Locale.ROOT);
        if (!categorical.isEmpty() && (isBundled(n) || IDX.contains(n))) {
            throw new IllegalArgumentException(
                    "--categorical reads columns of a CSV file; " + name + " is all numeric");
        }
        if (!categorical.isEmpty() && isText(n)) {
            throw new IllegalArgumentException("--categorical reads columns of a CSV file; " + name + " is a text");
        }
    }

    /**
     * Returns a source with the defaults: last column the label, classification, no categorical
     * columns, 20% validation and 20% test, standardised.
     *
     * @param name the dataset's name, file or URI
     * @return the source
     */
    public static DataSource of(String name) {
        return new DataSource(name, "-1", Task.CLASSIFICATION, "", 0.2, 0.2, true);
    }

    /** {@return whether the data is a text for a language model (its examples are windows of token ids)} */
    public boolean isText() {
        return isText(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Loads and splits the data, standardised unless switched off or text (token ids are not features
     * to standardise).
     *
     * @param seed the split seed
     * @param context the window length of a sequence model, which a text needs
     * @return the splits
     * @throws IllegalArgumentException if the data cannot be found or read, or a text has no window length
     */
    public DatasetSplits load(long seed, OptionalInt context) {
        DatasetSplits splits = loadRaw(seed, context);
        return !standardize || isText() ? splits : splits.standardized();
    }

    /**
     * Loads and splits the data without standardising (exported models take raw features).
     *
     * @param seed the split seed
     * @param context the window length of a sequence model, which a text needs
     * @return the splits
     * @throws IllegalArgumentException if the data cannot be found or read, or a text has no window length
     */
    public DatasetSplits loadRaw(long seed, OptionalInt context) {
        String n = name.toLowerCase(Locale.ROOT);
        if (isText()) {
            if (context.isEmpty()) {
                throw new IllegalArgumentException(name + " is a text: train a language model on it, e.g. --model "
                        + "gpt:layers=2,heads=4,dim=64,context=64");
            }
            Path file = n.equals("moby-dick")
                    ? fetched(n, DataDirectory.fromEnvironment().text(n))
                    : local();
            return TextCorpus.read(file).splits(context.getAsInt(), validationFraction, testFraction);
        }
        if (IDX.contains(n)) {
            Dataset[] trainTest = fetched(n, DataDirectory.fromEnvironment().idx(n));
            return DatasetSplits.fixed(trainTest[0], trainTest[1], validationFraction, seed);
        }
        Dataset d = isBundled(n) ? BundledDataset.byId(n).load() : reader().read(local());
        return DatasetSplits.random(d, validationFraction, testFraction, seed);
    }

    /**
     * Returns the line the commands print about loaded splits.
     *
     * @param splits splits of this source
     * @return e.g. {@code dataset wine: 106 train / 36 validation / 36 test rows, 13 features}
     */
    public String summary(DatasetSplits splits) {
        Dataset train = splits.train();
        String examples = train.targetsPerRow() > 1
                ? "windows of " + train.cols() + " characters, vocabulary " + train.classes()
                : train.sampleShape().rank() > 1 ? "images " + train.sampleShape() : train.cols() + " features";
        return String.format(
                "dataset %s: %d train / %d validation / %d test rows, %s",
                name, train.rows(), splits.validation().rows(), splits.test().rows(), examples);
    }

    private Path local() {
        return RemoteFiles.local(name);
    }

    private static <T> T fetched(String name, Optional<T> found) {
        return found.orElseThrow(() -> new IllegalArgumentException(name + " is not in "
                + DataDirectory.fromEnvironment().root() + "; fetch it with scripts/fetch-data.sh " + name));
    }

    private CsvReader reader() {
        CsvReader r = CsvReader.of(label, task);
        if (categorical.isEmpty()) {
            return r;
        }
        return categorical.equalsIgnoreCase("auto")
                ? r.withAutoCategorical()
                : r.withCategorical(Arrays.stream(categorical.split(","))
                        .map(String::trim)
                        .filter(c -> !c.isEmpty())
                        .toList());
    }

    private static boolean isText(String lowerName) {
        return lowerName.equals("moby-dick") || lowerName.endsWith(".txt");
    }

    private static boolean isBundled(String lowerName) {
        return Arrays.stream(BundledDataset.values()).anyMatch(b -> b.id().equals(lowerName.replace('_', '-')));
    }
}
