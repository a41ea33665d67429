package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamSpec;
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

    private ParameterInitializer() {}

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
        for (ParamSpec p : ParameterLayout.specs(model, gating)) {
            float[] v = new float[p.shape().size()];
            double constant = p.role().initialValue();
            if (!Double.isNaN(constant)) {
                Arrays.fill(v, (float) constant);
            } else {
                double bound = 1.0 / Math.sqrt(p.fanIn());
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            }
            out.put(p.name(), new Tensor(p.shape().dims(), v));
        }
        return new ParameterSet(out);
    }
}
