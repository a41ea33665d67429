package io.dgating.export;

import io.dgating.api.Shape;
import io.dgating.api.data.Standardization;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.graph.TrunkWriter;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.OnnxModelWriter;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.prune.LayerPlan;
import io.dgating.export.prune.PruningPlan;
import io.dgating.export.prune.PruningPlanner;
import io.dgating.export.prune.TrunkPlan;
import io.dgating.export.prune.TrunkPlanner;
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
    private final TrunkPlanner trunkPlanner = new TrunkPlanner();

    /**
     * Exports a training result.
     *
     * @param result the trained model
     * @param options compact or dense, kept or all features as input
     * @return the model bytes and the pruning report
     */
    public ExportedModel export(TrainingResult result, ExportOptions options) {
        boolean compact = options.variant() == ExportOptions.Variant.COMPACT;
        ModelSpec model = result.model();
        int start = TrunkWriter.headStart(model);
        PruningPlan plan;
        TrunkPlan trunk = null;
        long trunkBefore = 0;
        long trunkAfter = 0;
        List<LayerPlan.Report> trunkReports = List.of();
        if (start == 0) {
            plan = planner.plan(result, compact);
        } else if (start == model.layers().size()) {
            // no final dense chain (a sequence model's head maps every position): the trunk is the model
            TrunkPlanner.Forward forward = trunkPlanner.forward(
                    model, start, result.gating(), result.collapsed(), result.groupReports(), compact);
            plan = new PruningPlan(List.of(), List.of(), allIndices(model.outputSize()), null, 0, List.of());
            boolean[] reads = new boolean[model.outputSize()];
            java.util.Arrays.fill(reads, true);
            trunk = forward.finish(reads, options.channelBlock());
            trunkBefore = TrunkWriter.parameters(model, start);
            trunkAfter = TrunkWriter.parameters(model, trunk, start);
            trunkReports = trunk.reports();
        } else {
            // the trunk's forward pass says which channels are constant; the chain, planned like an MLP
            // whose standardisation the trunk's input nodes already applied, folds them and says what it
            // reads; the trunk then keeps what its readers need
            int width = model.inputShapeOf(start).size();
            ModelSpec chain = new ModelSpec(
                    width, model.layers().subList(start, model.layers().size()), model.head());
            TrunkPlanner.Forward forward = trunkPlanner.forward(
                    model, start, result.gating(), result.collapsed(), result.groupReports(), compact);
            plan = planner.plan(
                    chain,
                    result.gating(),
                    result.collapsed(),
                    result.groupReports(),
                    Standardization.identity(width),
                    compact,
                    forward.chainInput());
            boolean[] reads = new boolean[width];
            for (int j : plan.keptFeatures()) {
                reads[j] = true;
            }
            trunk = forward.finish(reads, options.channelBlock());
            trunkBefore = TrunkWriter.parameters(model, start);
            trunkAfter = plan.isConstant() ? 0 : TrunkWriter.parameters(model, trunk, start);
            trunkReports = trunk.reports();
        }
        List<LayerPlan.Report> layers = new ArrayList<>(trunkReports);
        layers.addAll(plan.reports());
        int[] kept = start == 0 ? plan.keptFeatures() : allIndices(model.inputSize());
        List<String> keptNames = new ArrayList<>();
        for (int j : kept) {
            keptNames.add(result.featureNames().get(j));
        }
        PruningReport report = new PruningReport(
                options.variant(),
                layers,
                kept,
                keptNames,
                plan.denseParameters() + trunkBefore,
                plan.compactParameters() + trunkAfter,
                plan.isConstant(),
                notes(plan, trunk));
        ExportOptions effective = start == 0 ? options : options.withInputMode(ExportOptions.InputMode.ALL_FEATURES);
        byte[] bytes = OnnxModelWriter.write(
                graph(result, plan, trunk, effective, start),
                Version.current(),
                ModelMetadata.of(result, report, effective));
        return new ExportedModel(effective, bytes, report);
    }

    private static List<String> notes(PruningPlan plan, TrunkPlan trunk) {
        List<String> notes = new ArrayList<>(trunk == null ? List.of() : trunk.notes());
        notes.addAll(plan.notes());
        return notes;
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static ai.onnx.proto.OnnxMl.GraphProto graph(
            TrainingResult result, PruningPlan plan, TrunkPlan trunk, ExportOptions options, int start) {
        OnnxGraph g = new OnnxGraph("dgating_" + options.variant().name().toLowerCase(java.util.Locale.ROOT));
        ModelSpec model = result.model();
        int outputs = model.outputSize();
        ValueRef x;
        ValueRef y;
        int chainInputs =
                start == 0 ? model.inputSize() : model.inputShapeOf(start).size();
        int[] kept = plan.keptFeatures();
        boolean all = options.input() == ExportOptions.InputMode.ALL_FEATURES;
        if (start == 0) {
            int[] reads = all ? allIndices(chainInputs) : kept;
            x = options.categorical().isPresent() && reads.length > 0
                    ? io.dgating.export.graph.CategoricalInputs.write(
                            g, options.categorical().get(), reads, INPUT)
                    : g.input(options.inputName(), OnnxGraph.BATCH, reads.length);
        } else {
            x = g.input(options.inputName(), OnnxGraph.batchOf(model.inputShape()));
        }
        if (plan.isConstant()) {
            y = constantRows(g, x, plan.constantOutput());
        } else {
            long[] gather = null;
            if (start == model.layers().size()) {
                x = TrunkWriter.write(g, model, trunk, standardized(g, x, result), start);
            } else if (start > 0) {
                x = TrunkWriter.write(g, model, trunk, standardized(g, x, result), start);
                int[] channels = trunk.keptOf(start - 1);
                int per = chainInputs / model.outputShapes().get(start - 1).dim(0);
                x = x.apply(Op.FLATTEN, Map.of("axis", 1L)).shaped(OnnxGraph.BATCH, channels.length * per);
                gather = positions(kept, channels, per);
            } else if (all && kept.length < chainInputs) {
                gather = java.util.Arrays.stream(kept).asLongStream().toArray();
            }
            if (gather != null) {
                x = x.apply(
                                Op.GATHER,
                                Map.of("axis", 1L),
                                g.initializerInt64("kept_feature_indices", gather, gather.length))
                        .shaped(OnnxGraph.BATCH, gather.length);
            }
            y = x;
            for (LayerPlan layer : plan.layers()) {
                y = layer.write(g, y);
            }
        }
        if (model.outputShape().rank() == 2) {
            // a sequence: logits and probabilities at every position
            long[] dims = OnnxGraph.batchOf(model.outputShape());
            g.output(y, OUTPUT, dims);
            g.output(y.apply(Op.SOFTMAX, Map.of("axis", -1L)), PROBABILITIES, dims);
            return g.build();
        }
        g.output(y, OUTPUT, OnnxGraph.BATCH, outputs);
        if (model.head() == Head.SOFTMAX_CROSS_ENTROPY) {
            g.output(y.apply(Op.SOFTMAX, Map.of("axis", 1L)), PROBABILITIES, OnnxGraph.BATCH, outputs);
        }
        return g.build();
    }

    /**
     * Returns where each feature the chain reads sits in the compact trunk's flattened output, or
     * null when it reads every one in order.
     */
    private static long[] positions(int[] features, int[] channels, int per) {
        int[] rank = new int[channels.length == 0 ? 0 : channels[channels.length - 1] + 1];
        java.util.Arrays.fill(rank, -1);
        for (int r = 0; r < channels.length; r++) {
            rank[channels[r]] = r;
        }
        long[] out = new long[features.length];
        boolean identity = features.length == channels.length * per;
        for (int i = 0; i < features.length; i++) {
            out[i] = (long) rank[features[i] / per] * per + features[i] % per;
            identity &= out[i] == i;
        }
        return identity ? null : out;
    }

    /**
     * Applies the standardisation with nodes ({@code (x - mean) / scale} per input value): folding
     * it into a zero-padded convolution would be wrong at the borders, where padding is zero in
     * standardised units, not in stored ones.
     */
    private static ValueRef standardized(OnnxGraph g, ValueRef x, TrainingResult result) {
        Standardization s = result.standardization();
        Shape shape = result.model().inputShape();
        long[] dims = OnnxGraph.batchOf(shape);
        dims[0] = 1;
        float[] mean = new float[s.size()];
        float[] scale = new float[s.size()];
        boolean identity = true;
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) s.mean()[i];
            scale[i] = (float) s.scale()[i];
            identity &= mean[i] == 0f && scale[i] == 1f;
        }
        if (identity) {
            return x;
        }
        return x.apply(Op.SUB, Map.of(), g.initializer("input_mean", mean, dims))
                .shaped(shape)
                .div(g.initializer("input_scale", scale, dims))
                .shaped(shape);
    }

    /** {@code [N, outputs]} copies of a constant row, N taken from the input's shape. */
    private static ValueRef constantRows(OnnxGraph g, ValueRef x, float[] row) {
        ValueRef batch = x.apply(Op.SHAPE, Map.of("start", 0L, "end", 1L));
        ValueRef shape = batch.apply(
                Op.CONCAT, Map.of("axis", 0L), g.initializerInt64("output_width", new long[] {row.length}, 1));
        return g.initializer("constant_output", row, 1, row.length).apply(Op.EXPAND, Map.of(), shape);
    }
}
