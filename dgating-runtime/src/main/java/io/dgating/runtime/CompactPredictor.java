package io.dgating.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Serves a compact dgating ONNX model to callers that send the full, raw feature vector: the
 * kept features are picked out here (the model's {@link ExportMetadata} says which), and the
 * standardisation is already folded into the model.
 *
 * <p>Thread-safe: any number of threads may call {@link #predict} at once (the ONNX Runtime
 * session is thread-safe). A single row, the latency path of a service, goes through a per-thread
 * {@link PreparedCall}: the kept features are written straight into a reused direct input buffer
 * and the outputs come back in a reused pinned buffer, so a call allocates only the returned
 * array. Owns the native session and those buffers; close it when every call has returned, after
 * which calls throw {@link IllegalStateException}.
 */
public final class CompactPredictor implements AutoCloseable {

    private final OrtModel model;
    private final int[] kept;
    private final int fullWidth;
    private final List<String> classNames;
    private final Set<PreparedCall> calls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ThreadLocal<PreparedCall> singleRow = ThreadLocal.withInitial(this::newSingleRowCall);

    private CompactPredictor(OrtModel model, int[] kept, int fullWidth, List<String> classNames) {
        this.model = model;
        this.kept = kept;
        this.fullWidth = fullWidth;
        this.classNames = classNames;
    }

    /**
     * Loads a compact model exported by dgating.
     *
     * @param onnx the model bytes
     * @param provider CPU, or CUDA (falls back to CPU when unavailable)
     * @param intraOpThreads ONNX Runtime threads per call (0 = all cores; 1 suits many concurrent callers)
     * @return the predictor, to be closed by the caller
     * @throws IllegalArgumentException if the bytes are not a dgating model ONNX Runtime can load, or the
     *     model takes categorical columns as strings
     */
    public static CompactPredictor load(byte[] onnx, Provider provider, int intraOpThreads) {
        OrtModel m = OrtModel.load(onnx, provider, intraOpThreads, w -> {});
        if (m.hasStringInputs()) {
            m.close();
            throw new IllegalArgumentException(
                    "this model takes categorical columns as strings (its metadata lists them "
                            + "under " + ExportMetadata.CATEGORICAL_INPUTS
                            + "); CompactPredictor serves float rows: run the file "
                            + "in ONNX Runtime with a string tensor [N, 1] per categorical column");
        }
        try {
            ExportMetadata meta = ExportMetadata.parse(m.metadata());
            return new CompactPredictor(
                    m,
                    meta.takesAllFeatures() ? null : meta.keptFeatureIndices(),
                    meta.featureNames().size(),
                    meta.classNames());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@return the number of raw features a caller sends per row} */
    public int inputWidth() {
        return fullWidth;
    }

    /** {@return the class names (empty for regression)} */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the model outputs (logits, or regression values) for rows of raw features.
     *
     * @param rows row-major {@code [n, inputWidth()]}
     * @param n number of rows
     * @return row-major {@code [n, outputs]}
     */
    public float[] predict(float[] rows, int n) {
        if ((long) n * fullWidth != rows.length) {
            throw new IllegalArgumentException(n + " rows of " + fullWidth + " features need " + (long) n * fullWidth
                    + " values, got " + rows.length);
        }
        if (n == 1) {
            return predictOne(rows);
        }
        if (kept == null) {
            return model.run(rows, n);
        }
        return model.run(Columns.select(rows, n, fullWidth, kept), n);
    }

    private float[] predictOne(float[] row) {
        if (closed.get()) {
            throw new IllegalStateException("the predictor is closed");
        }
        PreparedCall call = singleRow.get();
        Columns.selectInto(row, kept, call.input());
        call.run();
        float[] out = new float[call.output().capacity()];
        call.output().get(0, out);
        return out;
    }

    private PreparedCall newSingleRowCall() {
        PreparedCall call = model.prepare(1);
        calls.add(call);
        return call;
    }

    /**
     * Returns the model outputs for one image, shaped {@code [channels][height][width]} as
     * {@link #inputShape()} says (a flat row of {@link #predict(float[], int)} holds the same values
     * channel by channel, row by row).
     *
     * @param image raw pixel values
     * @return the outputs (logits, or regression values)
     * @throws IllegalArgumentException if the model does not take images or the image has another shape
     */
    public float[] predict(float[][][] image) {
        int[] shape = inputShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("this model takes rows of " + fullWidth + " features, not images");
        }
        float[] row = new float[fullWidth];
        int k = 0;
        if (image.length != shape[0]) {
            throw new IllegalArgumentException(
                    "the model takes " + shape[0] + " channels, the image has " + image.length);
        }
        for (float[][] channel : image) {
            if (channel.length != shape[1]) {
                throw new IllegalArgumentException("the model takes images of " + shape[1] + " x " + shape[2]
                        + " pixels, this one has " + channel.length + " rows");
            }
            for (float[] line : channel) {
                if (line.length != shape[2]) {
                    throw new IllegalArgumentException("the model takes images of " + shape[1] + " x " + shape[2]
                            + " pixels, this one has a row of " + line.length);
                }
                System.arraycopy(line, 0, row, k, line.length);
                k += line.length;
            }
        }
        return predict(row, 1);
    }

    /** {@return the shape of one example: {@code [features]} for tables, {@code [C, H, W]} for images} */
    public int[] inputShape() {
        return model.exampleShape();
    }

    /**
     * Returns the index of the most likely class of one row.
     *
     * @param row raw features, {@code inputWidth()} of them
     * @return the class index
     */
    public int classify(float[] row) {
        float[] out = predict(row, 1);
        int best = 0;
        for (int c = 1; c < out.length; c++) {
            if (out[c] > out[best]) {
                best = c;
            }
        }
        return best;
    }

    /** {@return a copy of the kept feature indices (all features when the model selects them itself)} */
    public int[] keptFeatures() {
        return kept == null ? IntStream.range(0, fullWidth).toArray() : Arrays.copyOf(kept, kept.length);
    }

    /** Releases every thread's buffers and the ONNX Runtime session; idempotent. */
    @Override
    public void close() {
        closed.set(true);
        calls.forEach(PreparedCall::close);
        calls.clear();
        model.close();
    }
}
