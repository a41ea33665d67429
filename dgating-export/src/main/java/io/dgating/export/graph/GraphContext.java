package io.dgating.export.graph;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.ModelSpec;
import io.dgating.export.onnx.OnnxGraph;
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

    GraphContext(OnnxGraph graph, ModelSpec model, ParameterSet params) {
        this.graph = graph;
        this.model = model;
        this.params = params;
        this.shapes = model.outputShapes();
        this.inputShapes = model.inputShapes();
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

    /** Returns the shape of one example leaving layer {@code index}. */
    Shape outputShape(int index) {
        return shapes.get(index);
    }

    /** Returns the shape of one example entering layer {@code index}. */
    Shape inputShape(int index) {
        return inputShapes.get(index);
    }

    /**
     * Returns the batch norm that layer {@code index} feeds alone, if it is its only consumer (so
     * folding it into the layer changes no other reader), else null.
     */
    BatchNorm soleBatchNormAfter(int index) {
        List<Integer> consumers = model.consumersOf(index);
        if (consumers.size() == 1 && model.layers().get(consumers.get(0)) instanceof BatchNorm bn
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
