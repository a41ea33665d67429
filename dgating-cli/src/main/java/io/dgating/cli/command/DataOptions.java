package io.dgating.cli.command;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.Task;
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

    /**
     * Returns the data source the options describe.
     *
     * @return the source
     * @throws IllegalArgumentException if no dataset is named, or the task or categorical columns do not fit it
     */
    DataSource source() {
        if (dataset == null || dataset.isBlank()) {
            // not picocli's "required": a config file may name the dataset, and picocli would not count that
            throw new IllegalArgumentException(
                    "--dataset (or --data) is required: a bundled name (breast-cancer, wine, "
                            + "iris, digits), mnist, fashion-mnist, or a CSV file");
        }
        Task t = switch (task.toLowerCase(Locale.ROOT)) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default ->
                throw new IllegalArgumentException("--task must be classification or regression, got '" + task + "'");
        };
        return new DataSource(dataset, label, t, categorical, validationFraction, testFraction, !noStandardize);
    }
}
