package io.dgating.importer.onnx;

import io.dgating.api.model.Pool2d;
import java.util.Arrays;
import java.util.Map;

/**
 * Nodes without weights that change a value's shape: windows (pooling), zero padding and reshapes.
 * Each reads one node and either returns what it means or names what it cannot import.
 */
final class ShapeNodes {

    private ShapeNodes() {}

    /**
     * Reads a {@code MaxPool} or {@code AveragePool} node.
     *
     * @param n the node
     * @param uses how many nodes read each value (an index output must be unused)
     * @param inputPad zero padding a preceding {@code Pad} left on the input
     * @param name the layer's name
     * @return the layer
     */
    static Pool2d pool(OnnxNode n, Map<String, Integer> uses, int inputPad, String name) {
        boolean max = n.op().equals("MaxPool");
        long[] ks = n.integers("kernel_shape", new long[0]);
        if (ks.length != 2 || ks[0] != ks[1]) {
            throw new NodeProblem(n, "kernel " + Arrays.toString(ks) + "; only square 2-D windows");
        }
        if (n.integer("ceil_mode", 0) != 0) {
            throw new NodeProblem(n, "ceil_mode = 1; only floor mode");
        }
        if (!n.string("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new NodeProblem(n, "auto_pad " + n.string("auto_pad", "") + "; export with explicit pads");
        }
        if (max
                && (WeightedNodes.square(n, "dilations") != 1
                        || n.outputs().size() > 1
                                && uses.containsKey(n.outputs().get(1)))) {
            throw new NodeProblem(n, "dilated max pooling or its indices output");
        }
        int pads = WeightedNodes.symmetricPads(n);
        if (!max && pads > 0 && n.integer("count_include_pad", 0) == 0) {
            throw new NodeProblem(
                    n,
                    "average pooling with padding that the average does not count (count_include_pad = 0); "
                            + "dgating's average counts padding, as PyTorch's default");
        }
        if (max && inputPad > 0) {
            throw new NodeProblem(n, "max pooling after a zero Pad");
        }
        return new Pool2d(
                name,
                max ? Pool2d.Mode.MAX : Pool2d.Mode.AVERAGE,
                (int) ks[0],
                WeightedNodes.square(n, "strides"),
                pads + inputPad);
    }

    /**
     * Reads a {@code Pad} node: only equal zero padding of height and width is imported, and it is
     * folded into the convolution or average pooling that reads it.
     *
     * @param n the node
     * @param constants the graph's constants (pads and value may be inputs)
     * @return the padding on each side
     */
    static int zeroPadding(OnnxNode n, Map<String, ConstTensor> constants) {
        if (!n.string("mode", "constant").equals("constant")) {
            throw new NodeProblem(n, n.string("mode", "") + " padding; only constant zeros");
        }
        long[] pads = n.integers("pads", null);
        if (pads == null && n.inputs().size() > 1) {
            ConstTensor p = constants.get(n.inputs().get(1));
            pads = p == null ? null : p.longs();
        }
        if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
            ConstTensor value = constants.get(n.inputs().get(2));
            if (value == null || !value.allEqual(0)) {
                throw new NodeProblem(n, "padding with a value other than zero");
            }
        }
        if (pads == null
                || pads.length != 8
                || pads[0] != 0
                || pads[1] != 0
                || pads[4] != 0
                || pads[5] != 0
                || pads[2] != pads[3]
                || pads[2] != pads[6]
                || pads[2] != pads[7]) {
            throw new NodeProblem(n, "pads " + Arrays.toString(pads) + "; only equal zero padding of H and W");
        }
        return (int) pads[2];
    }

    /**
     * Checks that a {@code Flatten} or {@code Reshape} node makes one flat row per example.
     *
     * @param n the node
     * @param constants the graph's constants (a reshape's target shape must be one)
     * @param size the number of values per example it reads
     */
    static void requireFlatRows(OnnxNode n, Map<String, ConstTensor> constants, int size) {
        if (n.op().equals("Flatten")) {
            if (n.integer("axis", 1) != 1) {
                throw new NodeProblem(n, "axis " + n.integer("axis", 1) + "; only axis 1 (keep the batch)");
            }
            return;
        }
        ConstTensor target = constants.get(n.inputs().get(1));
        if (target == null || target.longs() == null) {
            throw new NodeProblem(
                    n,
                    "its shape is computed in the graph; export with a fixed shape (torch.flatten(x, 1) exports as "
                            + "Flatten)");
        }
        long[] t = target.longs();
        // [N, -1], [-1, size], [0, -1]: one flat row per example, whatever the batch
        boolean flat = t.length == 2 && (t[1] == size || t[1] == -1 && t[0] >= 0);
        if (!flat) {
            throw new NodeProblem(n, "a reshape to " + Arrays.toString(t) + "; only to flat rows [N, -1]");
        }
    }
}
