package io.dgating.api.data;

import io.dgating.api.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Small tabular datasets shipped inside the API jar (from scikit-learn, BSD-3; see the
 * {@code bundled/README.md} resource for provenance), loadable by name without any download.
 */
public enum BundledDataset {
    /** Breast Cancer Wisconsin (Diagnostic): 569 rows, 30 features, malignant/benign. */
    BREAST_CANCER("breast-cancer", "breast-cancer.csv", List.of("malignant", "benign")),
    /** Wine: 178 rows, 13 features, 3 cultivars. */
    WINE("wine", "wine.csv", List.of("class_0", "class_1", "class_2")),
    /** Iris: 150 rows, 4 features, 3 species. */
    IRIS("iris", "iris.csv", List.of("setosa", "versicolor", "virginica")),
    /** Handwritten digits 8x8: 1,797 rows, 64 pixels (0..16), 10 classes. */
    DIGITS(
            "digits",
            "digits.csv.gz",
            IntStream.range(0, 10).mapToObj(Integer::toString).toList());

    private final String id;
    private final String resource;
    private final List<String> classNames;

    BundledDataset(String id, String resource, List<String> classNames) {
        this.id = id;
        this.resource = resource;
        this.classNames = classNames;
    }

    /** {@return the name used on the command line, e.g. {@code breast-cancer}} */
    public String id() {
        return id;
    }

    /**
     * Returns the dataset with the given id (case-insensitive; {@code _} and {@code -} are equal).
     *
     * @param id the name
     * @return the dataset
     * @throws IllegalArgumentException naming the known ids
     */
    public static BundledDataset byId(String id) {
        String key = id.toLowerCase(Locale.ROOT).replace('_', '-');
        for (BundledDataset d : values()) {
            if (d.id.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown bundled dataset '" + id + "'; known: "
                + Arrays.stream(values()).map(BundledDataset::id).toList());
    }

    /**
     * Loads the dataset from the jar.
     *
     * @return the dataset
     */
    public Dataset load() {
        String path = "bundled/" + resource;
        try (InputStream raw = BundledDataset.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + path + " missing from the dgating-api jar");
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            Dataset d = CsvReader.of("target", Task.CLASSIFICATION, CsvReader.Header.YES, ',')
                    .read(in, path, id);
            // the reader names classes by their label values "0", "1", ...; give them their real names
            // digits are 8x8 grey images stored row by row: offered as images, which flat models read as rows
            Shape shape = this == DIGITS ? Shape.of(1, 8, 8) : Shape.of(d.cols());
            return new Dataset(
                    id, shape, d.rows(), d.features(), d.targets(), Task.CLASSIFICATION, d.featureNames(), classNames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
