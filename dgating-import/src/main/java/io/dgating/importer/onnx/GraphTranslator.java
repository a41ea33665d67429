package io.dgating.importer.onnx;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Add;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.Head;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.importer.OutputTransform;
import io.dgating.importer.UnsupportedModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed ONNX graph into the API's layers and their weights. The graph is read from its
 * first output back, so nodes that only feed other outputs are left out; every node type is checked
 * before anything is translated, so an unsupported model is refused with all its unsupported nodes
 * named at once.
 */
public final class GraphTranslator {

    /** What a value of the graph is: the (transformed) input, or a layer's output, maybe zero-padded. */
    private record Value(String layer, InputAffine affine, int pad) {
        boolean isInput() {
            return layer == null;
        }
    }

    private final ParsedGraph graph;
    private final String source;
    private final Map<String, ConstTensor> constants;
    private final List<OnnxNode> nodes;
    private final Map<String, Integer> uses = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final List<LayerSpec> layers = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Map<String, List<String>> wiring = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final LayerNames names = new LayerNames();
    private final Set<Value> readByLayers = new HashSet<>();
    private final Shape example;
    private OutputTransform output = OutputTransform.NONE;

    private GraphTranslator(ParsedGraph graph, String source) {
        this.graph = graph;
        this.source = source;
        this.constants = graph.constants();
        this.nodes = Translation.live(GeluPattern.fuse(graph.nodes(), graph.constants()), graph.outputName());
        long[] dims = graph.inputDims();
        if (dims.length < 2) {
            throw new IllegalArgumentException(source + ": input '" + graph.inputName() + "' has shape "
                    + Arrays.toString(dims) + "; dgating imports batched inputs [N, features] or [N, C, H, W]");
        }
        int[] ex = new int[dims.length - 1];
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new IllegalArgumentException(source + ": dimension " + i + " of input '" + graph.inputName()
                        + "' is not fixed; dgating needs every dimension but the batch");
            }
            ex[i - 1] = (int) dims[i];
        }
        this.example = Shape.of(ex);
        for (OnnxNode n : nodes) {
            n.inputs().forEach(i -> uses.merge(i, 1, Integer::sum));
        }
        uses.merge(graph.outputName(), 1, Integer::sum);
    }

    /**
     * Translates a graph.
     *
     * @param graph the parsed graph
     * @param source the file's name, for errors
     * @return the model and weights
     * @throws UnsupportedModelException naming every node that cannot be imported
     */
    public static Translation translate(ParsedGraph graph, String source) {
        return new GraphTranslator(graph, source).run();
    }

    private Translation run() {
        List<String> unsupported = new ArrayList<>();
        for (OnnxNode n : nodes) {
            if (!OnnxOperators.supported().contains(n.op())) {
                unsupported.add(n.describe() + ": operator not supported");
            }
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedModelException(source, unsupported);
        }
        values.put(graph.inputName(), new Value(null, InputAffine.identity(example.size()), 0));
        for (OnnxNode n : nodes) {
            if (!n.op().equals("Constant")) {
                translate(n);
            }
        }
        Value out = values.get(graph.outputName());
        if (out == null
                || out.isInput()
                || !(layers.get(indexOf.get(out.layer())) instanceof Dense)
                || indexOf.get(out.layer()) != layers.size() - 1) {
            throw new UnsupportedModelException(
                    source,
                    List.of("output '" + graph.outputName()
                            + "': the model must end with a fully connected layer (Gemm or MatMul), optionally followed by "
                            + "Softmax or LogSoftmax"));
        }
        InputAffine affine = firstAffine();
        ModelSpec model;
        try {
            model = new ModelSpec(example, layers, wiring, Head.SOFTMAX_CROSS_ENTROPY);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedModelException(
                    source, List.of("the graph does not form a model dgating can train: " + e.getMessage()));
        }
        return new Translation(model, new ParameterSet(weights), affine.mean(), affine.scale(), output);
    }

    private InputAffine firstAffine() {
        InputAffine found = null;
        for (Value v : readByLayers) {
            if (found != null && found != v.affine()) {
                throw new UnsupportedModelException(
                        source,
                        List.of("input '" + graph.inputName() + "': layers read it under different normalisations"));
            }
            found = v.affine();
        }
        return found == null ? InputAffine.identity(example.size()) : found;
    }

    private void translate(OnnxNode n) {
        try {
            OnnxOperators.rule(n.op()).accept(this, n);
        } catch (NodeProblem p) {
            throw new UnsupportedModelException(source, List.of(p.getMessage()));
        }
    }

    void alias(OnnxNode n) {
        for (int i = 1; i < n.outputs().size(); i++) {
            if (uses.containsKey(n.outputs().get(i)) && !n.outputs().get(i).isEmpty()) {
                throw fail(n, "its mask output is used; only the inference form (output 0) is supported");
            }
        }
        values.put(n.outputs().get(0), value(n, n.inputs().get(0)));
    }

    void arithmetic(OnnxNode n) {
        String a = n.inputs().get(0);
        String b = n.inputs().get(1);
        boolean constA = constants.containsKey(a);
        boolean constB = constants.containsKey(b);
        if (!constA && !constB) {
            switch (n.op()) {
                case "Add" -> addLayer(n, new Add(names.of(n, null)), a, b);
                case "Mul" -> {
                    // the image first, a per-channel factor second, whichever way round the graph writes them
                    boolean swap = shapeOf(n, a).size() < shapeOf(n, b).size();
                    addLayer(n, new Multiply(names.of(n, null)), swap ? b : a, swap ? a : b);
                }
                default ->
                    throw fail(
                            n,
                            "only Add (a residual connection) and Mul (a product, as in squeeze-excitation) join "
                                    + "two computed values");
            }
            return;
        }
        if (constA && constB) {
            throw fail(n, "both inputs are constants; export with constant folding (do_constant_folding=True)");
        }
        if (constA && (n.op().equals("Sub") || n.op().equals("Div"))) {
            throw fail(n, "a constant " + (n.op().equals("Sub") ? "minus" : "divided by") + " a computed value");
        }
        String x = constA ? b : a;
        ConstTensor c = constants.get(constA ? a : b);
        Value v = value(n, x);
        if (v.isInput() && v.pad() == 0) {
            InputAffine next = v.affine().then(n.op(), c, example);
            if (next == null) {
                throw fail(
                        n,
                        "a constant of shape " + Arrays.toString(c.dims()) + " that does not broadcast over the input "
                                + example);
            }
            values.put(n.outputs().get(0), new Value(null, next, 0));
            return;
        }
        if (n.op().equals("Add")
                && !v.isInput()
                && layers.get(indexOf.get(v.layer())) instanceof Dense d
                && !d.bias()
                && d.activation() == Activation.IDENTITY
                && uses.get(x) == 1
                && c.size() == d.units()) {
            // MatMul + Add: the Add is the dense layer's bias
            layers.set(indexOf.get(d.name()), new Dense(d.name(), d.units(), Activation.IDENTITY, true));
            weights.put(
                    d.biasParam().name(),
                    new Tensor(new int[] {d.units()}, c.floats().clone()));
            values.put(n.outputs().get(0), v);
            return;
        }
        throw fail(
                n,
                "a constant applied to a computed value; supported only as the bias of a MatMul and as "
                        + "normalisation of the model's input");
    }

    void dense(OnnxNode n) {
        WeightedNodes.Imported d = WeightedNodes.dense(n, constants, names);
        addLayer(n, d.layer(), n.inputs().get(0));
        weights.putAll(d.weights());
    }

    void conv(OnnxNode n) {
        WeightedNodes.Imported c = WeightedNodes.conv(
                n, constants, names, value(n, n.inputs().get(0)).pad());
        addLayer(n, c.layer(), n.inputs().get(0));
        weights.putAll(c.weights());
    }

    void batchNorm(OnnxNode n) {
        if (n.outputs().stream().skip(1).anyMatch(uses::containsKey)) {
            throw fail(n, "training-mode batch norm; export the model in eval mode");
        }
        WeightedNodes.Imported b = WeightedNodes.batchNorm(n, constants, names);
        addLayer(n, b.layer(), n.inputs().get(0));
        weights.putAll(b.weights());
    }

    void activation(OnnxNode n) {
        Activation a = switch (n.op()) {
            case "Relu" -> Activation.RELU;
            case "Tanh" -> Activation.TANH;
            case "Sigmoid" -> Activation.SIGMOID;
            default ->
                switch (n.string("approximate", "none")) {
                    case "none" -> Activation.GELU;
                    case "tanh" -> Activation.GELU_TANH;
                    default -> throw fail(n, "GELU approximation '" + n.string("approximate", "") + "'");
                };
        };
        String x = n.inputs().get(0);
        Value v = value(n, x);
        if (!v.isInput()
                && v.pad() == 0
                && layers.get(indexOf.get(v.layer())) instanceof Dense d
                && d.activation() == Activation.IDENTITY
                && uses.get(x) == 1) {
            layers.set(indexOf.get(d.name()), new Dense(d.name(), d.units(), a, d.bias()));
            values.put(n.outputs().get(0), v);
            return;
        }
        addLayer(n, new Nonlinearity(names.of(n, null), a), x);
    }

    void pool(OnnxNode n) {
        Value in = value(n, n.inputs().get(0));
        addLayer(
                n,
                ShapeNodes.pool(n, uses, in.pad(), names.of(n, null)),
                n.inputs().get(0));
    }

    void globalAvgPool(OnnxNode n) {
        addLayer(n, new GlobalAvgPool(names.of(n, null)), n.inputs().get(0));
    }

    /** {@code Flatten} and {@code Reshape} to one flat row per example. */
    void flatten(OnnxNode n) {
        ShapeNodes.requireFlatRows(n, constants, shapeOf(n, n.inputs().get(0)).size());
        addLayer(n, new Flatten(names.of(n, null)), n.inputs().get(0));
    }

    /** Zero padding is carried on the value to the convolution or pooling that reads it. */
    void pad(OnnxNode n) {
        int pad = ShapeNodes.zeroPadding(n, constants);
        Value v = value(n, n.inputs().get(0));
        if (v.isInput() && !v.affine().isIdentity()) {
            throw fail(n, "padding of the normalised input");
        }
        values.put(n.outputs().get(0), new Value(v.layer(), v.affine(), v.pad() + pad));
    }

    void softmax(OnnxNode n) {
        long axis = n.integer("axis", graph.opset() < 13 ? 1 : -1);
        Value v = value(n, n.inputs().get(0));
        if (!n.outputs().get(0).equals(graph.outputName()) || v.isInput() || (axis != 1 && axis != -1)) {
            throw fail(n, "softmax inside the graph; supported only over the classes at the output");
        }
        output = n.op().equals("Softmax") ? OutputTransform.SOFTMAX : OutputTransform.LOG_SOFTMAX;
        values.put(n.outputs().get(0), v);
    }

    private void addLayer(OnnxNode n, LayerSpec layer, String... inputs) {
        List<String> from = new ArrayList<>();
        List<Shape> in = new ArrayList<>();
        for (String i : inputs) {
            Value v = value(n, i);
            if (v.pad() > 0 && !(layer instanceof Conv2d) && !(layer instanceof Pool2d)) {
                throw fail(n, "it reads a zero-padded value; Pad is supported before Conv and AveragePool");
            }
            if (v.isInput()) {
                readByLayers.add(v);
            }
            from.add(v.isInput() ? ModelSpec.INPUT : v.layer());
            in.add(v.isInput() ? example : shapes.get(v.layer()));
        }
        Shape out;
        try {
            out = layer.outputShape(in);
        } catch (IllegalArgumentException e) {
            throw fail(n, e.getMessage());
        }
        indexOf.put(layer.name(), layers.size());
        layers.add(layer);
        wiring.put(layer.name(), from);
        shapes.put(layer.name(), out);
        values.put(n.outputs().get(0), new Value(layer.name(), null, 0));
    }

    private Shape shapeOf(OnnxNode n, String name) {
        Value v = value(n, name);
        return v.isInput() ? example : shapes.get(v.layer());
    }

    private Value value(OnnxNode n, String name) {
        Value v = values.get(name);
        if (v == null) {
            throw fail(
                    n,
                    "input '" + name + "' is "
                            + (constants.containsKey(name)
                                    ? "a constant where a computed " + "value is expected"
                                    : "not computed by any supported node"));
        }
        return v;
    }

    private static NodeProblem fail(OnnxNode n, String why) {
        return new NodeProblem(n, why);
    }
}
