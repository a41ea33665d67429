package io.dgating.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in the real ONNX Runtime (CPU provider) on a float batch. */
final class OrtRunner {

    private OrtRunner() {}

    static float[] run(byte[] model, float[] x, int rows, int cols, String output) throws OrtException {
        return run(model, x, new long[] {rows, cols}, output);
    }

    static float[] run(byte[] model, float[] x, long[] dims, String output) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model, opts)) {
            FloatBuffer buf = ByteBuffer.allocateDirect(x.length * 4)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            buf.put(x).rewind();
            try (OnnxTensor input = OnnxTensor.createTensor(env, buf, dims);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
                OnnxTensor out = (OnnxTensor) result.get(output).orElseThrow();
                FloatBuffer fb = out.getFloatBuffer();
                float[] values = new float[fb.remaining()];
                fb.get(values);
                return values;
            }
        }
    }

    static Map<String, String> metadata(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = OrtEnvironment.getEnvironment().createSession(model, opts)) {
            return session.getMetadata().getCustomMetadata();
        }
    }
}
