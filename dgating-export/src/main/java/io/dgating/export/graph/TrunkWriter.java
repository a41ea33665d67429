package io.dgating.export.graph;

import io.dgating.api.Shape;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamSpec;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.prune.TrunkPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the part of a model before its final chain of dense layers (its "trunk": convolutions,
 * batch norms, pools, joins) as ONNX nodes, walking the graph's edges in layer order.
 */
public final class TrunkWriter {

    private TrunkWriter() {}

    /**
     * Returns where the model's final chain begins: the first of the trailing layers that are all
     * dense, dropout or flatten and each take the previous one's output alone. 0 for an MLP.
     *
     * @param model the model
     * @return the index of the chain's first layer
     */
    public static int headStart(ModelSpec model) {
        int start = model.layers().size();
        while (start > 0) {
            int i = start - 1;
            LayerSpec l = model.layers().get(i);
            // the chain's planner works on flat rows: a dense layer over a sequence stays in the trunk
            boolean chainKind = (l instanceof Dense && model.inputShapeOf(i).rank() == 1)
                    || l instanceof Dropout
                    || l instanceof Flatten;
            boolean chained = model.sourcesOf(i).equals(List.of(i - 1))
                    && (i == model.layers().size() - 1 || model.consumersOf(i).equals(List.of(i + 1)));
            if (!chainKind || !chained) {
                break;
            }
            start = i;
        }
        return start;
    }

    /**
     * Returns the number of parameters the trunk (layers before {@code end}) has for inference:
     * weights, biases, batch-norm scales and shifts (running statistics are not counted).
     *
     * @param model the model
     * @param end the first layer not counted
     * @return the count
     */
    public static long parameters(ModelSpec model, int end) {
        long n = 0;
        List<Shape> inputs = model.inputShapes();
        for (int i = 0; i < end; i++) {
            for (ParamSpec p : model.layers().get(i).parameters(inputs.get(i))) {
                n += p.role().trainable() ? p.shape().size() : 0;
            }
        }
        return n;
    }

    /**
     * Returns the parameters the compact trunk keeps for inference: conv weights and biases of
     * the kept filters and input channels, batch-norm scales and shifts of the kept channels,
     * dense layers whole.
     *
     * @param model the model
     * @param plan the trunk's plan
     * @param end the first layer not counted
     * @return the count
     */
    public static long parameters(ModelSpec model, TrunkPlan plan, int end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            LayerSpec l = model.layers().get(i);
            int out = plan.keptOf(i).length;
            if (l instanceof Conv2d c) {
                int src = model.sourcesOf(i).get(0);
                int in = src < 0 ? model.inputShape().dim(0) : plan.keptOf(src).length;
                n += (long) out * in * c.kernel() * c.kernel() + (c.bias() ? out : 0);
            } else if (l instanceof BatchNorm) {
                n += 2L * out;
            } else if (l instanceof io.dgating.api.model.MultiHeadAttention a) {
                long kept = (long) plan.keptHeadsOf(a.name()).length * a.headSize();
                int dim = model.inputShapeOf(i).dim(1);
                n += 4 * kept * dim + 3 * kept + dim;
            } else {
                // every other kind is written whole
                n += parameters(model, i + 1) - parameters(model, i);
            }
        }
        return n;
    }

    /**
     * Writes layers {@code 0 .. end - 1} with the channels the plan keeps.
     *
     * @param graph the graph to write into
     * @param model the model
     * @param plan what each layer keeps, with its parameters
     * @param input the model input's value, {@code [N, C, H, W]}
     * @param end the first layer not to write
     * @return the value of layer {@code end - 1}
     */
    public static ValueRef write(OnnxGraph graph, ModelSpec model, TrunkPlan plan, ValueRef input, int end) {
        GraphContext ctx = new GraphContext(graph, model, plan, input);
        List<ValueRef> values = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (plan.keptOf(i).length == 0) {
                // nothing reads this layer's channels: it is not written (a reader that needs its
                // constant output computes it from the parameters)
                values.add(null);
                continue;
            }
            List<ValueRef> in = new ArrayList<>();
            for (int s : model.sourcesOf(i)) {
                in.add(s < 0 ? input : values.get(s));
            }
            values.add(write(model.layers().get(i), i, in, ctx));
        }
        return values.get(end - 1);
    }

    private static <L extends LayerSpec> ValueRef write(L layer, int index, List<ValueRef> in, GraphContext ctx) {
        return LayerNodes.of(layer).write(layer, index, in, ctx);
    }
}
