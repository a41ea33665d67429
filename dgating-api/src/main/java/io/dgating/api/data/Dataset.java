package io.dgating.api.data;

import io.dgating.api.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of float features with one target per row, held in memory.
 *
 * <p>Immutable. The constructor copies the arrays; bulk readers copy out, so that large
 * sets (MNIST is 47 million values) are not copied on every access.
 */
public final class Dataset {

    private final String name;
    private final int rows;
    private final int cols;
    private final Shape sampleShape;
    private final float[] features;
    private final float[] targets;
    private final Task task;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final CategoricalEncoding encoding;
    private final int targetsPerRow;

    /**
     * Creates a dataset of flat examples: each has shape {@code [cols]}.
     *
     * @param name a label for messages and reports
     * @param rows number of examples
     * @param cols features per example
     * @param features row-major {@code [rows, cols]} values
     * @param targets one target per row: a class index for classification
     * @param task classification or regression
     * @param featureNames one name per column
     * @param classNames one name per class (empty for regression)
     * @throws InvalidDataException if sizes disagree, a value is not finite, or a class index
     *     is outside the class names
     */
    public Dataset(
            String name,
            int rows,
            int cols,
            float[] features,
            float[] targets,
            Task task,
            List<String> featureNames,
            List<String> classNames) {
        this(name, Shape.of(cols), rows, features, targets, task, featureNames, classNames);
    }

    /**
     * Creates a dataset whose examples have a shape, e.g. {@code [1, 28, 28]} for grey images;
     * each row holds one example's values in row-major order of that shape.
     *
     * @param name a label for messages and reports
     * @param sampleShape the shape of one example; its size is the number of columns
     * @param rows number of examples
     * @param features row-major {@code [rows, cols]} values
     * @param targets one target per row: a class index for classification
     * @param task classification or regression
     * @param featureNames one name per column
     * @param classNames one name per class (empty for regression)
     * @throws InvalidDataException if sizes disagree, a value is not finite, or a class index
     *     is outside the class names
     */
    public Dataset(
            String name,
            Shape sampleShape,
            int rows,
            float[] features,
            float[] targets,
            Task task,
            List<String> featureNames,
            List<String> classNames) {
        this(name, sampleShape, rows, features, targets, task, featureNames, classNames, null, 1);
    }

    /**
     * Creates a dataset of sequences with a class target at every position, e.g. the next character
     * after each of a window's characters.
     *
     * @param name a label for messages and reports
     * @param sampleShape the shape of one example, {@code [T]} for a window of token ids
     * @param rows number of examples
     * @param features row-major {@code [rows, cols]} values
     * @param targets row-major {@code [rows, targetsPerRow]} class indices
     * @param targetsPerRow targets of every row (positions predicted)
     * @param featureNames one name per column
     * @param classNames one name per class
     * @return the dataset
     * @throws InvalidDataException if sizes disagree or a class index is outside the class names
     */
    public static Dataset sequences(
            String name,
            Shape sampleShape,
            int rows,
            float[] features,
            float[] targets,
            int targetsPerRow,
            List<String> featureNames,
            List<String> classNames) {
        return new Dataset(
                name,
                sampleShape,
                rows,
                features,
                targets,
                Task.CLASSIFICATION,
                featureNames,
                classNames,
                null,
                targetsPerRow);
    }

    private Dataset(
            String name,
            Shape sampleShape,
            int rows,
            float[] features,
            float[] targets,
            Task task,
            List<String> featureNames,
            List<String> classNames,
            CategoricalEncoding encoding,
            int targetsPerRow) {
        this.encoding = encoding;
        this.targetsPerRow = targetsPerRow;
        if (targetsPerRow < 1) {
            throw new IllegalArgumentException("targets per row must be >= 1, got " + targetsPerRow);
        }
        if (encoding != null && encoding.width() != sampleShape.size()) {
            throw new IllegalArgumentException(
                    "encoding of " + encoding.width() + " features for " + sampleShape.size());
        }
        this.name = Objects.requireNonNull(name, "name");
        this.task = Objects.requireNonNull(task, "task");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.rows = rows;
        this.cols = sampleShape.size();
        this.features = features.clone();
        this.targets = targets.clone();
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        if ((long) rows * cols != features.length || targets.length != (long) rows * targetsPerRow) {
            throw new InvalidDataException(
                    name,
                    0,
                    null,
                    "sizes disagree: " + rows + " x " + cols + " table with "
                            + features.length + " feature values and " + targets.length + " targets (" + targetsPerRow
                            + " per row)");
        }
        if (this.featureNames.size() != cols) {
            throw new InvalidDataException(
                    name, 0, null, cols + " columns but " + featureNames.size() + " feature names");
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new InvalidDataException(
                        name,
                        0,
                        this.featureNames.get(i % cols),
                        "value " + features[i] + " in row " + (i / cols + 1) + " is not finite");
            }
        }
        for (int i = 0; i < targets.length; i++) {
            int r = i / targetsPerRow;
            float t = targets[i];
            if (!Float.isFinite(t)) {
                throw new InvalidDataException(name, 0, "target", "row " + (r + 1) + " has target " + t);
            }
            if (task == Task.CLASSIFICATION && (t != Math.rint(t) || t < 0 || t >= this.classNames.size())) {
                throw new InvalidDataException(
                        name,
                        0,
                        "target",
                        "row " + (r + 1) + " has class " + t + " but there are " + this.classNames.size() + " classes");
            }
        }
    }

    /** {@return the dataset's name} */
    public String name() {
        return name;
    }

    /** {@return the number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return the number of feature columns} */
    public int cols() {
        return cols;
    }

    /** {@return the shape of one example ({@code [cols]} for a table, {@code [1, 28, 28]} for MNIST)} */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** {@return the task} */
    public Task task() {
        return task;
    }

    /** {@return the feature names} */
    public List<String> featureNames() {
        return featureNames;
    }

    /** {@return the class names (empty for regression)} */
    public List<String> classNames() {
        return classNames;
    }

    /** {@return the number of classes (0 for regression)} */
    public int classes() {
        return classNames.size();
    }

    /**
     * Returns one feature value.
     *
     * @param row row index
     * @param col column index
     * @return the value
     */
    public float feature(int row, int col) {
        return features[row * cols + col];
    }

    /**
     * Returns the target of a row.
     *
     * @param row row index
     * @return the target (a class index for classification)
     */
    public float target(int row) {
        return targets[row * targetsPerRow];
    }

    /**
     * Copies the features of row {@code row} into {@code dst} at {@code offset}.
     *
     * @param row row index
     * @param dst destination
     * @param offset where the first value goes
     */
    public void copyRow(int row, float[] dst, int offset) {
        System.arraycopy(features, row * cols, dst, offset, cols);
    }

    /** {@return a copy of all features, row-major} */
    public float[] features() {
        return features.clone();
    }

    /** {@return how many targets every row has: 1, or a sequence's positions} */
    public int targetsPerRow() {
        return targetsPerRow;
    }

    /**
     * Returns one target of a row.
     *
     * @param row row index
     * @param position 0 .. {@link #targetsPerRow()} - 1
     * @return the target
     */
    public float target(int row, int position) {
        return targets[row * targetsPerRow + position];
    }

    /**
     * Copies one row's targets into {@code dst}.
     *
     * @param row row index
     * @param dst destination
     * @param offset where the row's first target goes
     */
    public void copyTargets(int row, float[] dst, int offset) {
        System.arraycopy(targets, row * targetsPerRow, dst, offset, targetsPerRow);
    }

    /** {@return a copy of all targets} */
    public float[] targets() {
        return targets.clone();
    }

    /**
     * Returns the rows at the given indices, in that order.
     *
     * @param indices row indices
     * @param suffix appended to the name (e.g. "/train")
     * @return a new dataset
     */
    public Dataset select(int[] indices, String suffix) {
        float[] x = new float[indices.length * cols];
        float[] y = new float[indices.length * targetsPerRow];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * cols, x, i * cols, cols);
            System.arraycopy(targets, indices[i] * targetsPerRow, y, i * targetsPerRow, targetsPerRow);
        }
        return new Dataset(
                name + suffix,
                sampleShape,
                indices.length,
                x,
                y,
                task,
                featureNames,
                classNames,
                encoding,
                targetsPerRow);
    }

    /**
     * Returns this dataset with every feature transformed by {@code s}.
     *
     * @param s the standardisation
     * @return a new dataset
     */
    public Dataset standardized(Standardization s) {
        if (s.size() != cols) {
            throw new IllegalArgumentException("standardisation for " + s.size() + " columns applied to " + cols);
        }
        float[] x = features.clone();
        for (int r = 0; r < rows; r++) {
            s.applyInPlace(x, r * cols);
        }
        return new Dataset(
                name, sampleShape, rows, x, targets, task, featureNames, classNames, encoding, targetsPerRow);
    }

    /**
     * Returns how categorical columns became features, when the table had any.
     *
     * @return the encoding, or empty for an all-numeric table
     */
    public Optional<CategoricalEncoding> encoding() {
        return Optional.ofNullable(encoding);
    }

    /**
     * Returns this dataset with its categorical encoding recorded.
     *
     * @param e the encoding, as wide as the rows
     * @return a new dataset
     */
    public Dataset withEncoding(CategoricalEncoding e) {
        return new Dataset(
                name, sampleShape, rows, features, targets, task, featureNames, classNames, e, targetsPerRow);
    }

    /**
     * Returns some columns of a tabular dataset; its encoding, if any, keeps the same columns.
     *
     * @param cols column indices, ascending
     * @return a new dataset
     */
    public Dataset selectColumns(int[] cols) {
        float[] x = new float[rows * cols.length];
        List<String> names = new ArrayList<>();
        for (int c : cols) {
            names.add(featureNames.get(c));
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols.length; i++) {
                x[r * cols.length + i] = features[r * this.cols + cols[i]];
            }
        }
        return new Dataset(
                name,
                Shape.of(cols.length),
                rows,
                x,
                targets,
                task,
                names,
                classNames,
                encoding == null ? null : encoding.select(cols),
                targetsPerRow);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + rows + " x " + sampleShape + ", " + task
                + (task == Task.CLASSIFICATION ? ", " + classes() + " classes" : "") + "]";
    }
}
