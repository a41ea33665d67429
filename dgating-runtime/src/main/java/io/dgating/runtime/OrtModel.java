package io.dgating.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One ONNX model loaded into an ONNX Runtime session on a chosen provider. Owns the session;
 * {@link #close()} releases it. {@link #run} is thread-safe (ONNX Runtime sessions are).
 */
public final class OrtModel implements AutoCloseable {

    private final OrtSession session;
    private final Provider provider;
    private final String inputName;
    private final int inputWidth;
    private final long[] inputShape;
    private final int intraOpThreads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrtModel(OrtSession session, Provider provider, int intraOpThreads) throws OrtException {
        this.session = session;
        this.provider = provider;
        this.intraOpThreads = intraOpThreads;
        Map.Entry<String, NodeInfo> in =
                session.getInputInfo().entrySet().iterator().next();
        this.inputName = in.getKey();
        long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
        // [N, features] for tables, [N, C, H, W] for images: every dimension but the batch is fixed
        this.inputShape = shape.clone();
        long width = 1;
        for (int i = 1; i < shape.length; i++) {
            width *= shape[i];
        }
        this.inputWidth = (int) width;
    }

    /**
     * Loads a model. When CUDA is requested but cannot be used (no GPU, no CUDA libraries),
     * reports that through {@code warnings} and uses the CPU provider instead of failing.
     *
     * @param model ONNX bytes
     * @param requested the provider wanted
     * @param intraOpThreads ONNX Runtime intra-op threads (0 = ONNX Runtime's default: all cores)
     * @param warnings receives the fallback message, if any
     * @return the loaded model, to be closed by the caller
     * @throws IllegalArgumentException if the bytes are not a valid ONNX model
     */
    public static OrtModel load(byte[] model, Provider requested, int intraOpThreads, Consumer<String> warnings) {
        OrtEnvironment env = OrtRuntime.environment();
        if (requested == Provider.CUDA) {
            try (OrtSession.SessionOptions opts = options(intraOpThreads)) {
                opts.addCUDA(0);
                return new OrtModel(env.createSession(model, opts), Provider.CUDA, intraOpThreads);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                warnings.accept("CUDA was requested but is not available (" + firstLine(e)
                        + "); running on the CPU provider instead");
            }
        }
        try (OrtSession.SessionOptions opts = options(intraOpThreads)) {
            return new OrtModel(env.createSession(model, opts), Provider.CPU, intraOpThreads);
        } catch (OrtException e) {
            throw new IllegalArgumentException("not a model ONNX Runtime can load: " + firstLine(e), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        if (threads > 0) {
            opts.setIntraOpNumThreads(threads);
        }
        // intra-op threads keep ONNX Runtime's default, spinning while idle. Measured on the 2-core machine
        // with 2 threads: not spinning removed 4-7 ms p99 spikes but made a small compact model's median 40%
        // slower (0.057 -> 0.080 ms at batch 32); one intra-op thread, the setting for compact models in a
        // service, has no idle workers to spin
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return opts;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** {@return the provider the session actually runs on} */
    public Provider provider() {
        return provider;
    }

    /** {@return the intra-op thread setting (0 = ONNX Runtime default)} */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    /** {@return the number of features per row the model takes} */
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * Returns the model's custom metadata properties.
     *
     * @return key to value
     */
    public Map<String, String> metadata() {
        try {
            return session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prepares calls of {@code rows} rows with reused input and output buffers (see {@link PreparedCall}).
     *
     * @param rows rows per call (must equal a fixed batch size the file declares, if any)
     * @return the call, to be closed by the caller before this model
     * @throws IllegalArgumentException if the first output has a dimension besides the batch that is not fixed
     */
    public PreparedCall prepare(int rows) {
        ensureOpen();
        try {
            Map.Entry<String, NodeInfo> o =
                    session.getOutputInfo().entrySet().iterator().next();
            long[] outShape = ((TensorInfo) o.getValue().getInfo()).getShape().clone();
            outShape[0] = rows;
            for (long d : outShape) {
                if (d < 0) {
                    throw new IllegalArgumentException("output '" + o.getKey() + "' has a dimension that is not fixed: "
                            + Arrays.toString(((TensorInfo) o.getValue().getInfo()).getShape()));
                }
            }
            long[] inShape = inputShape.clone();
            inShape[0] = rows;
            return new PreparedCall(session, inputName, inShape, o.getKey(), outShape);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the shape of one example of the first input (its dimensions after the batch).
     *
     * @return the dimensions
     */
    public int[] exampleShape() {
        int[] out = new int[inputShape.length - 1];
        for (int i = 1; i < inputShape.length; i++) {
            out[i - 1] = (int) inputShape[i];
        }
        return out;
    }

    /**
     * Runs the model and returns its first output ({@code output}) row-major, in calls of at most
     * {@value #RUN_BATCH} rows (a convolutional network's intermediate values for a whole test set
     * would take gigabytes).
     *
     * @param x row-major {@code [rows, inputWidth]} (each row one example, shaped as the model's input)
     * @param rows number of rows
     * @return the outputs
     */
    public float[] run(float[] x, int rows) {
        ensureOpen();
        if ((long) rows * inputWidth != x.length) {
            throw new IllegalArgumentException(rows + " rows of " + inputWidth + " features need "
                    + (long) rows * inputWidth + " values, got " + x.length);
        }
        float[] out = null;
        int width = 0;
        // a file exported with a fixed batch size (an imported original) takes exactly that many rows a call
        int fixed = inputShape.length > 0 && inputShape[0] > 0 ? (int) inputShape[0] : 0;
        int chunk = fixed > 0 ? fixed : RUN_BATCH;
        for (int start = 0; start < rows || out == null; start += chunk) {
            int b = Math.min(chunk, rows - start);
            int fed = fixed > 0 ? fixed : b;
            float[] part = Arrays.copyOf(
                    Arrays.copyOfRange(x, start * inputWidth, (start + b) * inputWidth), fed * inputWidth);
            try (OnnxTensor in = tensor(part, fed);
                    OrtSession.Result r = session.run(Map.of(inputName, in))) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                if (out == null) {
                    width = fed == 0 ? 0 : fb.remaining() / fed;
                    out = new float[rows * width];
                }
                fb.get(out, start * width, b * width);
            } catch (OrtException e) {
                throw new IllegalStateException("inference failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private OnnxTensor tensor(float[] x, int rows) {
        FloatBuffer buf = ByteBuffer.allocateDirect(x.length * 4)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buf.put(x).rewind();
        try {
            long[] dims = inputShape.clone();
            dims[0] = rows;
            return OnnxTensor.createTensor(OrtRuntime.environment(), buf, dims);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows per ONNX Runtime call in {@link #run}. */
    public static final int RUN_BATCH = 1024;

    /**
     * Returns whether the model takes strings (a model trained on categorical columns).
     *
     * @return true when some input is a string tensor
     */
    public boolean hasStringInputs() {
        try {
            return session.getInputInfo().values().stream()
                    .anyMatch(i -> i.getInfo() instanceof TensorInfo t && t.type == ai.onnxruntime.OnnxJavaType.STRING);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the model once on named inputs (the caller closes them).
     *
     * @param feeds input name to tensor
     * @return the first output, row-major
     */
    public float[] runFeeds(Map<String, OnnxTensor> feeds) {
        ensureOpen();
        try (OrtSession.Result r = session.run(feeds)) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model is closed");
        }
    }

    /** Closes the session; idempotent. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
