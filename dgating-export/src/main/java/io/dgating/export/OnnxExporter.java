package io.dgating.export;

import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.OnnxModelWriter;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.prune.LayerPlan;
import io.dgating.export.prune.PruningPlan;
import io.dgating.export.prune.PruningPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * From a training result to an ONNX model: collapse the gates, plan what stays (compact: zero
 * groups and everything that depends on them removed; dense: everything kept), fold the input
 * standardisation into the first layer, and emit {@code Gemm} + activation nodes.
 *
 * <p>The graph's input is {@code features} ({@code [N, kept]} or {@code [N, all]}); its outputs
 * are {@code output} ({@code [N, outputs]}: logits or regression values) and, for
 * classification, {@code probabilities} (softmax of the logits). Metadata properties carry D,
 * lambda, eps, groups per layer, kept feature indices and names, class names and the
 * standardisation that was folded. Stateless and thread-safe.
 */
public final class OnnxExporter {

    /** Name of the graph input. */
    public static final String INPUT = "features";
    /** Name of the raw output (logits or regression values). */
    public static final String OUTPUT = "output";
    /** Name of the softmax output of classifiers. */
    public static final String PROBABILITIES = "probabilities";

    private final PruningPlanner planner = new PruningPlanner();

    /**
     * Exports a training result.
     *
     * @param result the trained model
     * @param options compact or dense, kept or all features as input
     * @return the model bytes and the pruning report
     */
    public ExportedModel export(TrainingResult result, ExportOptions options) {
        boolean compact = options.variant() == ExportOptions.Variant.COMPACT;
        PruningPlan plan = planner.plan(result, compact);
        int[] kept = plan.keptFeatures();
        List<String> keptNames = new ArrayList<>();
        for (int j : kept) {
            keptNames.add(result.featureNames().get(j));
        }
        PruningReport report = new PruningReport(options.variant(), plan.reports(), kept, keptNames,
                plan.denseParameters(), plan.compactParameters(), plan.isConstant(), plan.notes());
        byte[] bytes = OnnxModelWriter.write(graph(result, plan, options), Version.current(),
                ModelMetadata.of(result, report, options));
        return new ExportedModel(options, bytes, report);
    }

    private static ai.onnx.proto.OnnxMl.GraphProto graph(TrainingResult result, PruningPlan plan, ExportOptions options) {
        OnnxGraph g = new OnnxGraph("dgating_" + options.variant().name().toLowerCase(java.util.Locale.ROOT));
        int[] kept = plan.keptFeatures();
        int allFeatures = result.model().inputSize();
        boolean all = options.input() == ExportOptions.InputMode.ALL_FEATURES;
        ValueRef x = g.input(INPUT, OnnxGraph.BATCH, all ? allFeatures : kept.length);
        int outputs = result.model().outputSize();
        ValueRef y;
        if (plan.isConstant()) {
            y = constantRows(g, x, plan.constantOutput());
        } else {
            if (all && kept.length < allFeatures) {
                long[] idx = new long[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    idx[i] = kept[i];
                }
                x = x.apply(Op.GATHER, Map.of("axis", 1L), g.initializerInt64("kept_feature_indices", idx, idx.length));
            }
            y = x;
            for (LayerPlan layer : plan.layers()) {
                int units = layer.keptUnits().length;
                int inputs = layer.keptInputs().length;
                y = y.gemm(g.initializer(layer.name() + ".weight", layer.weight(), units, inputs),
                        g.initializer(layer.name() + ".bias", layer.bias(), units));
                y = activation(g, y, layer.activation());
            }
        }
        g.output(y, OUTPUT, OnnxGraph.BATCH, outputs);
        if (result.model().head() == Head.SOFTMAX_CROSS_ENTROPY) {
            g.output(y.apply(Op.SOFTMAX, Map.of("axis", 1L)), PROBABILITIES, OnnxGraph.BATCH, outputs);
        }
        return g.build();
    }

    /** GELU is exported in its exact erf form: opset 17 has no Gelu operator. */
    private static ValueRef activation(OnnxGraph g, ValueRef z, Activation act) {
        return switch (act) {
            case IDENTITY -> z;
            case RELU -> z.apply(Op.RELU);
            case TANH -> z.apply(Op.TANH);
            case GELU -> z.div(g.scalar("sqrt2", (float) Math.sqrt(2))).apply(Op.ERF).add(g.scalar("one", 1f)).mul(z)
                    .mul(g.scalar("half", 0.5f));
        };
    }

    /** {@code [N, outputs]} copies of a constant row, N taken from the input's shape. */
    private static ValueRef constantRows(OnnxGraph g, ValueRef x, float[] row) {
        ValueRef batch = x.apply(Op.SHAPE, Map.of("start", 0L, "end", 1L));
        ValueRef shape = batch.apply(Op.CONCAT, Map.of("axis", 0L),
                g.initializerInt64("output_width", new long[] {row.length}, 1));
        return g.initializer("constant_output", row, 1, row.length).apply(Op.EXPAND, Map.of(), shape);
    }
}
