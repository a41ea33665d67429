package io.dgating.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * A model call of a fixed batch size whose input and first output live in direct buffers that
 * ONNX Runtime reads and writes in place (the output is "pinned"): a call allocates no tensors,
 * copies nothing across JNI and builds no result objects beyond ONNX Runtime's own. Fill
 * {@link #input()}, {@link #run()}, read {@link #output()}. Not thread-safe: one per calling
 * thread (the session itself may be shared). Owns the two native tensors; close it before the model.
 */
public final class PreparedCall implements AutoCloseable {

    private final OrtSession session;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor in;
    private final OnnxTensor out;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    PreparedCall(OrtSession session, String inputName, long[] inputShape, String outputName, long[] outputShape)
            throws OrtException {
        this.session = session;
        OrtEnvironment env = OrtRuntime.environment();
        this.input = direct(inputShape);
        this.output = direct(outputShape);
        this.in = OnnxTensor.createTensor(env, input, inputShape);
        try {
            this.out = OnnxTensor.createTensor(env, output, outputShape);
        } catch (OrtException | RuntimeException e) {
            in.close();
            throw e;
        }
        this.inputs = Map.of(inputName, in);
        this.outputs = Map.of(outputName, out);
    }

    private static FloatBuffer direct(long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return ByteBuffer.allocateDirect(Math.toIntExact(size * Float.BYTES))
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** {@return the input values, row-major, shared with the native tensor: write them before {@link #run()}} */
    public FloatBuffer input() {
        return input;
    }

    /** {@return the first output, row-major, shared with the native tensor: valid after {@link #run()}} */
    public FloatBuffer output() {
        return output;
    }

    /** Runs the model on the current input, writing the first output in place (other outputs are not computed). */
    public void run() {
        try (OrtSession.Result r = session.run(inputs, Set.of(), outputs)) {
            // the pinned output holds the values; the result owns nothing else
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    /** Releases both native tensors; idempotent. */
    @Override
    public void close() {
        in.close();
        out.close();
    }
}
