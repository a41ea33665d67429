package io.dgating.export.plan;

import io.dgating.api.Shape;
import io.dgating.api.data.Standardization;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.export.ExportOptions;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Plan} as an ONNX graph: the input (the kept features, or every feature, or raw
 * strings for categorical columns), the standardisation as nodes when no dense layer folds it, then
 * every layer some reader needs, in model order, through its rule; a model that no longer depends
 * on its input becomes its constant output. The outputs are {@code output} ({@code [N, outputs]}, or
 * {@code [N, T, classes]} for a sequence) and, for classifiers, {@code probabilities}.
 */
public final class GraphWriter {

    /** Name of the raw output (logits or regression values). */
    public static final String OUTPUT = "output";
    /** Name of the softmax output of classifiers. */
    public static final String PROBABILITIES = "probabilities";

    private GraphWriter() {}

    /**
     * Writes the graph.
     *
     * @param plan the plan
     * @param options the export's options (input name and mode, categorical columns)
     * @return the graph, to be built
     */
    public static OnnxGraph write(Plan plan, ExportOptions options) {
        OnnxGraph g = new OnnxGraph("dgating_" + options.variant().name().toLowerCase(Locale.ROOT));
        ModelSpec model = plan.model();
        int[] reads = plan.inputLayout();
        ValueRef x;
        if (plan.featureInput()) {
            x = options.categorical().isPresent() && reads.length > 0
                    ? CategoricalInputs.write(g, options.categorical().get(), reads, options.inputName())
                    : g.input(options.inputName(), OnnxGraph.BATCH, reads.length);
        } else {
            x = g.input(options.inputName(), OnnxGraph.batchOf(model.inputShape()));
        }
        ValueRef y;
        if (plan.constantOutput().isPresent()) {
            y = constantRows(g, x, plan.constantOutput().get());
        } else {
            if (!plan.featureInput()) {
                x = standardized(g, x, plan.standardization(), model.inputShape());
            }
            plan.writingInto(g, x);
            List<ValueRef> values = new ArrayList<>();
            for (int i = 0; i < model.layers().size(); i++) {
                if (!plan.written(i)) {
                    // nothing reads this layer's channels: not written (a reader that needs its
                    // constant output computes it from the parameters)
                    values.add(null);
                    continue;
                }
                List<ValueRef> in = new ArrayList<>();
                for (int s : model.sourcesOf(i)) {
                    in.add(s < 0 ? x : values.get(s));
                }
                values.add(plan.rule(i).write(plan.context(i), in));
            }
            y = values.get(values.size() - 1);
        }
        if (model.outputShape().rank() == 2) {
            // a sequence: logits and probabilities at every position
            long[] dims = OnnxGraph.batchOf(model.outputShape());
            g.output(y, OUTPUT, dims);
            g.output(y.apply(Op.SOFTMAX, Map.of("axis", -1L)), PROBABILITIES, dims);
            return g;
        }
        int outputs = model.outputSize();
        g.output(y, OUTPUT, OnnxGraph.BATCH, outputs);
        if (model.head() == Head.SOFTMAX_CROSS_ENTROPY) {
            g.output(y.apply(Op.SOFTMAX, Map.of("axis", 1L)), PROBABILITIES, OnnxGraph.BATCH, outputs);
        }
        return g;
    }

    /**
     * Applies the standardisation with nodes ({@code (x - mean) / scale} per input value): folding
     * it into a zero-padded convolution would be wrong at the borders, where padding is zero in
     * standardised units, not in stored ones.
     */
    private static ValueRef standardized(OnnxGraph g, ValueRef x, Standardization s, Shape shape) {
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
