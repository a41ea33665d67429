package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Inference-mode forward passes in batches of 1,024 rows, with autograd recording off. */
public final class DjlInference {

    private static final int BATCH = 1024;

    private DjlInference() {}

    /**
     * Returns the model's outputs in inference mode.
     *
     * @param net the network
     * @param manager parent of the temporary arrays
     * @param x row-major inputs
     * @param rows number of rows
     * @param cols features per row
     * @return row-major outputs
     */
    public static float[] predict(DjlNetwork net, NDManager manager, float[] x, int rows, int cols) {
        NativeArrays staging = new NativeArrays();
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int start = 0; start < rows; start += BATCH) {
            int b = Math.min(BATCH, rows - start);
            try (GradMode noGrad = GradMode.off();
                    NDScope scope = new NDScope();
                    NDManager m = manager.newSubManager()) {
                NDArray in = staging.copyOf(m, x, start * cols, b * cols, new Shape(b, cols));
                float[] out = net.forward(in, false).toFloatArray();
                parts.add(out);
                total += out.length;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
