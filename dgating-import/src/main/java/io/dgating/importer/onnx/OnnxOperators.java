package io.dgating.importer.onnx;

import io.dgating.api.model.LayerKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The importer's one table of ONNX operators: for each operator it reads, the layer kinds a node
 * of it can become (none for nodes folded into a neighbour: input normalisation, padding, a bias,
 * an output softmax) and the translator's rule for it. An operator outside the table is refused
 * with its node named. Every layer kind is either some operator's result or listed, with the
 * reason, in {@link #notImportable()}; a test checks both ways.
 */
public final class OnnxOperators {

    /** One row: what a node may become and the rule that translates it. */
    private record Row(Set<LayerKind> becomes, BiConsumer<GraphTranslator, OnnxNode> rule) {}

    private static final Map<String, Row> TABLE = Map.ofEntries(
            Map.entry("Gemm", row(GraphTranslator::dense, LayerKind.DENSE)),
            Map.entry("MatMul", row(GraphTranslator::dense, LayerKind.DENSE)),
            Map.entry("Conv", row(GraphTranslator::conv, LayerKind.CONV2D)),
            Map.entry("BatchNormalization", row(GraphTranslator::batchNorm, LayerKind.BATCH_NORM)),
            // an activation right after a dense layer becomes that layer's activation
            Map.entry("Relu", row(GraphTranslator::activation, LayerKind.ACTIVATION, LayerKind.DENSE)),
            Map.entry("Gelu", row(GraphTranslator::activation, LayerKind.ACTIVATION, LayerKind.DENSE)),
            Map.entry("Tanh", row(GraphTranslator::activation, LayerKind.ACTIVATION, LayerKind.DENSE)),
            Map.entry("Sigmoid", row(GraphTranslator::activation, LayerKind.ACTIVATION, LayerKind.DENSE)),
            Map.entry("Identity", row(GraphTranslator::alias)),
            Map.entry("Dropout", row(GraphTranslator::alias)),
            Map.entry("MaxPool", row(GraphTranslator::pool, LayerKind.POOL2D)),
            Map.entry("AveragePool", row(GraphTranslator::pool, LayerKind.POOL2D)),
            Map.entry("GlobalAveragePool", row(GraphTranslator::globalAvgPool, LayerKind.GLOBAL_AVG_POOL)),
            Map.entry("Flatten", row(GraphTranslator::flatten, LayerKind.FLATTEN)),
            Map.entry("Reshape", row(GraphTranslator::flatten, LayerKind.FLATTEN)),
            // two computed values: a residual join or a product; a constant: input normalisation or a MatMul's bias
            Map.entry("Add", row(GraphTranslator::arithmetic, LayerKind.ADD, LayerKind.DENSE)),
            Map.entry("Sub", row(GraphTranslator::arithmetic)),
            Map.entry("Mul", row(GraphTranslator::arithmetic, LayerKind.MULTIPLY)),
            Map.entry("Div", row(GraphTranslator::arithmetic)),
            Map.entry("Pad", row(GraphTranslator::pad)),
            Map.entry("Constant", row((t, n) -> {})),
            Map.entry("Softmax", row(GraphTranslator::softmax)),
            Map.entry("LogSoftmax", row(GraphTranslator::softmax)));

    private static final Map<LayerKind, String> NOT_IMPORTABLE = new EnumMap<>(Map.of(
            LayerKind.DROPOUT, "an inference graph computes no dropout; Dropout nodes are read as identity",
            LayerKind.LAYER_NORM, "transformer graphs (LayerNormalization) are not imported yet",
            LayerKind.EMBEDDING, "transformer graphs (Gather on an embedding table) are not imported yet",
            LayerKind.POSITION_EMBEDDING, "transformer graphs (position embeddings) are not imported yet",
            LayerKind.ATTENTION, "transformer graphs (attention) are not imported yet"));

    private OnnxOperators() {}

    private static Row row(BiConsumer<GraphTranslator, OnnxNode> rule, LayerKind... becomes) {
        Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        kinds.addAll(Set.of(becomes));
        return new Row(Set.copyOf(kinds), rule);
    }

    /** {@return the operators the importer reads} */
    public static Set<String> supported() {
        return TABLE.keySet();
    }

    /**
     * Returns what a node of an operator can become.
     *
     * @param op a supported operator
     * @return the layer kinds (empty for an operator folded into a neighbour)
     * @throws IllegalArgumentException for an operator outside the table
     */
    public static Set<LayerKind> becomes(String op) {
        return find(op).becomes();
    }

    /** {@return the layer kinds no ONNX graph is imported into, each with the reason} */
    public static Map<LayerKind, String> notImportable() {
        return Map.copyOf(NOT_IMPORTABLE);
    }

    static BiConsumer<GraphTranslator, OnnxNode> rule(String op) {
        return find(op).rule();
    }

    private static Row find(String op) {
        Row r = TABLE.get(op);
        if (r == null) {
            throw new IllegalArgumentException("operator " + op + " is not imported");
        }
        return r;
    }
}
