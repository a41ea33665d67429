package io.dgating.importer.onnx;

import java.util.List;
import java.util.Map;

/**
 * An ONNX model as the translator sees it: one float input, the first output, the nodes in file
 * (topological) order and the constants.
 *
 * @param inputName the graph input's name
 * @param inputDims its shape, -1 for a symbolic or unknown dimension
 * @param outputName the first graph output's name (the one imported)
 * @param otherOutputs names of further outputs, which the import leaves out
 * @param nodes the nodes, in order
 * @param constants initializers and {@code Constant} node values by value name
 * @param opset the default domain's opset version
 * @param producer who wrote the file ({@code pytorch 1.13.1})
 */
public record ParsedGraph(
        String inputName,
        long[] inputDims,
        String outputName,
        List<String> otherOutputs,
        List<OnnxNode> nodes,
        Map<String, ConstTensor> constants,
        long opset,
        String producer) {

    /**
     * Copies the collections.
     *
     * @param inputName the graph input's name
     * @param inputDims its shape, -1 for a symbolic or unknown dimension
     * @param outputName the first graph output's name (the one imported)
     * @param otherOutputs names of further outputs, which the import leaves out
     * @param nodes the nodes, in order
     * @param constants initializers and {@code Constant} node values by value name
     * @param opset the default domain's opset version
     * @param producer who wrote the file ({@code pytorch 1.13.1})
     */
    public ParsedGraph {
        inputDims = inputDims.clone();
        otherOutputs = List.copyOf(otherOutputs);
        nodes = List.copyOf(nodes);
        constants = Map.copyOf(constants);
    }

    /** {@return a copy of the input's shape} */
    @Override
    public long[] inputDims() {
        return inputDims.clone();
    }
}
