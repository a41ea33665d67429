package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.model.ModelSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded initialisation, as PyTorch's {@code nn.Linear} does it: weight and bias uniform in
 * {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]} (Kaiming-uniform with a = sqrt(5)). Under gating
 * omega is initialised exactly like the weight it replaces and every gate is 1, so the
 * gated model starts as the same function as the ungated one. Shared by every engine, so the
 * same seed gives every engine the same start.
 */
public final class ParameterInitializer {

    private ParameterInitializer() {
    }

    /**
     * Returns seeded initial parameters.
     *
     * @param model the architecture
     * @param gating the gating
     * @param seed the seed
     * @return gated-form parameters
     */
    public static ParameterSet initialize(ModelSpec model, GatingConfig gating, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, int[]> shapes = ParameterLayout.shapes(model, gating);
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] shape = e.getValue();
            float[] v = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            if (e.getKey().endsWith(ParameterSet.GATES)) {
                Arrays.fill(v, 1f);
            } else {
                String layer = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
                int fanIn = shapes.get(layer + ParameterSet.WEIGHT)[1];
                double bound = 1.0 / Math.sqrt(fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            }
            out.put(e.getKey(), new Tensor(shape, v));
        }
        return new ParameterSet(out);
    }
}
