package io.dgating.export.graph;

import io.dgating.api.model.LayerSpec;
import io.dgating.export.onnx.ValueRef;
import java.util.List;

/**
 * Writes the inference nodes of one layer kind.
 *
 * @param <L> the layer kind
 */
interface NodeWriter<L extends LayerSpec> {

    /**
     * Writes the layer's nodes.
     *
     * @param layer the layer
     * @param index its position in the model
     * @param inputs its input values, in wiring order
     * @param ctx the graph, the model and its parameters
     * @return the layer's output value
     */
    ValueRef write(L layer, int index, List<ValueRef> inputs, GraphContext ctx);
}
