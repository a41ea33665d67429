package io.dgating.export;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.data.Standardization;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Training results with chosen zero groups: parameters from the CPU engine's seeded
 * initialisation, gates of the chosen groups set to exactly 0 and, optionally, large positive
 * biases on removed neurons (so {@code relu(b) > 0} must be folded downstream), and a
 * non-trivial standardisation so its folding is exercised.
 */
final class Models {

    private Models() {}

    /**
     * Returns a result whose groups listed in {@code zero} (layer name to group indices) are removed.
     */
    static TrainingResult withZeroGroups(
            ModelSpec model,
            GatingConfig gating,
            Map<String, Set<Integer>> zero,
            boolean positiveBiasOnRemoved,
            long seed) {
        ParameterSet init;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            init = engine.initialize(model, gating, seed);
        }
        Random rnd = new Random(seed);
        Map<String, Tensor> p = new LinkedHashMap<>(init.asMap());
        for (var e : zero.entrySet()) {
            String layer = e.getKey();
            Tensor gates = p.get(ParamRef.gatesOf(layer).name());
            float[] g = gates.data();
            int f = gates.dim(1);
            for (int j = 0; j < gates.dim(0); j++) {
                for (int d = 0; d < f; d++) {
                    // spread live gates so collapsing really multiplies something
                    g[j * f + d] = e.getValue().contains(j) ? (d == 0 ? 0f : 1.3f) : (float) (0.6 + rnd.nextDouble());
                }
            }
            p.put(ParamRef.gatesOf(layer).name(), new Tensor(gates.shape(), g));
            if (positiveBiasOnRemoved && gating.gateOf(layer).kind() == GroupKind.NEURONS) {
                Tensor bias = p.get(new ParamRef(layer, ParamRef.BIAS).name());
                float[] b = bias.data();
                for (int j : e.getValue()) {
                    b[j] = 0.5f + j % 3;
                }
                p.put(new ParamRef(layer, ParamRef.BIAS).name(), new Tensor(bias.shape(), b));
            }
        }
        return result(model, gating, new ParameterSet(p), seed);
    }

    static TrainingResult result(ModelSpec model, GatingConfig gating, ParameterSet params, long seed) {
        Random rnd = new Random(seed + 1);
        int f = model.inputSize();
        double[] mean = new double[f];
        double[] scale = new double[f];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            mean[j] = rnd.nextGaussian() * 3;
            scale[j] = 0.5 + rnd.nextDouble() * 4;
            names.add("f" + j);
        }
        List<String> classes = new ArrayList<>();
        if (model.head() == Head.SOFTMAX_CROSS_ENTROPY) {
            for (int c = 0; c < model.outputSize(); c++) {
                classes.add("class" + c);
            }
        }
        Metrics m = new Metrics(10, 0.5, 0.9, Double.NaN);
        return new TrainingResult(
                model,
                gating,
                TrainingConfig.builder().build(),
                params,
                new Standardization(mean, scale),
                names,
                classes,
                List.of(),
                Map.of(Split.TRAIN, m, Split.VALIDATION, m, Split.TEST, m),
                Map.of("engine", "test"));
    }

    /** Raw (unstandardised) rows around the standardisation's mean and scale. */
    static float[] rawRows(TrainingResult r, int rows, long seed) {
        Random rnd = new Random(seed);
        int f = r.model().inputSize();
        double[] mean = r.standardization().mean();
        double[] scale = r.standardization().scale();
        float[] x = new float[rows * f];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < f; j++) {
                x[i * f + j] = (float) (mean[j] + scale[j] * rnd.nextGaussian());
            }
        }
        return x;
    }

    /** The Java reference: standardise, then the CPU engine's forward pass of the collapsed dense model. */
    static float[] reference(TrainingResult r, float[] raw, int rows) {
        float[] x = raw.clone();
        int f = r.model().inputSize();
        for (int i = 0; i < rows; i++) {
            r.standardization().applyInPlace(x, i * f);
        }
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            return engine.predict(r.model(), r.collapsed(), x, rows);
        }
    }

    /** Columns {@code keep} of row-major {@code x}. */
    static float[] columns(float[] x, int rows, int cols, int[] keep) {
        float[] out = new float[rows * keep.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < keep.length; k++) {
                out[i * keep.length + k] = x[i * cols + keep[k]];
            }
        }
        return out;
    }
}
