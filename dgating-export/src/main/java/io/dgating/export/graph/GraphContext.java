package io.dgating.export.graph;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.ModelSpec;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.prune.TrunkPlan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What node writers share: the graph being built, the model, its inference parameters and the folds made so far. */
final class GraphContext {

    private final OnnxGraph graph;
    private final ModelSpec model;
    private final ParameterSet params;
    private final List<Shape> shapes;
    private final List<Shape> inputShapes;
    private final Set<String> folded = new HashSet<>();

    private final TrunkPlan plan;

    private final io.dgating.export.onnx.ValueRef input;

    GraphContext(OnnxGraph graph, ModelSpec model, TrunkPlan plan, io.dgating.export.onnx.ValueRef input) {
        this.input = input;
        this.graph = graph;
        this.model = model;
        this.plan = plan;
        this.params = plan.params();
        this.shapes = model.outputShapes();
        this.inputShapes = model.inputShapes();
    }

    /** {@return the original indices of the channels layer {@code index} outputs (all of the model input's for -1)} */
    int[] kept(int index) {
        if (index < 0) {
            return java.util.stream.IntStream.range(0, model.inputShape().dim(0))
                    .toArray();
        }
        return plan.keptOf(index);
    }

    /** {@return the heads the plan keeps of an attention layer} */
    int[] keptHeads(String layer) {
        return plan.keptHeadsOf(layer);
    }

    /** {@return the model's input value (its batch size shapes constant feature maps)} */
    io.dgating.export.onnx.ValueRef modelInput() {
        return input;
    }

    /** {@return the channel states of the first input of layer {@code index} (all live for the model input)} */
    io.dgating.export.prune.Signal inputSignal(int index) {
        int src = model.sourcesOf(index).get(0);
        return src < 0
                ? io.dgating.export.prune.Signal.allAlive(model.inputShape().dim(0))
                : plan.signals().get(src);
    }

    /** {@return the kept channels of the first input of layer {@code index}} */
    int[] keptIn(int index) {
        return kept(model.sourcesOf(index).get(0));
    }

    /**
     * Returns entries {@code rows x cols} of a {@code [R, C, per]} tensor (row-major), e.g. the kept
     * filters and input channels of a conv weight; {@code cols} null keeps every column ({@code C = 1} for vectors).
     */
    static float[] slice(float[] t, int columns, int per, int[] rows, int[] cols) {
        int[] cs = cols == null ? java.util.stream.IntStream.range(0, columns).toArray() : cols;
        float[] out = new float[rows.length * cs.length * per];
        int k = 0;
        for (int r : rows) {
            for (int c : cs) {
                System.arraycopy(t, (r * columns + c) * per, out, k, per);
                k += per;
            }
        }
        return out;
    }

    /** {@return a shape with its channel dimension (index 0) set to {@code channels}} */
    static Shape withChannels(Shape s, int channels) {
        int[] d = s.dims();
        d[0] = channels;
        return Shape.of(d);
    }

    OnnxGraph graph() {
        return graph;
    }

    ModelSpec model() {
        return model;
    }

    Tensor param(String name) {
        return params.get(name);
    }

    /** {@return the shape of one example leaving layer {@code index} in the compact graph} */
    Shape outputShape(int index) {
        return withChannels(shapes.get(index), kept(index).length);
    }

    /** {@return the shape of one example entering layer {@code index} in the compact graph} */
    Shape inputShape(int index) {
        return withChannels(inputShapes.get(index), keptIn(index).length);
    }

    /** {@return the shape of one example entering layer {@code index} in the original model} */
    Shape originalInputShape(int index) {
        return inputShapes.get(index);
    }

    /**
     * Returns the batch norm that layer {@code index} feeds alone, if it is its only consumer (so
     * folding it into the layer changes no other reader), else null.
     */
    BatchNorm soleBatchNormAfter(int index) {
        List<Integer> consumers = model.consumersOf(index);
        if (consumers.size() == 1
                && model.layers().get(consumers.get(0)) instanceof BatchNorm bn
                && model.sourcesOf(consumers.get(0)).size() == 1) {
            return bn;
        }
        return null;
    }

    void markFolded(String layer) {
        folded.add(layer);
    }

    boolean isFolded(String layer) {
        return folded.contains(layer);
    }
}
