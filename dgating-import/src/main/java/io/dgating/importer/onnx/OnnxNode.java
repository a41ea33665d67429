package io.dgating.importer.onnx;

import java.util.List;
import java.util.Map;

/**
 * One node of an ONNX graph, without protobuf: what the translator reads.
 *
 * @param op the operator type ({@code Gemm}, {@code Conv}, ...)
 * @param name the node's name (or {@code op#index} when the file gives none)
 * @param inputs value names of the inputs ({@code ""} for an omitted optional input)
 * @param outputs value names of the outputs
 * @param attributes attribute values: {@code Long}, {@code Double}, {@code String}, {@code long[]},
 *     {@code double[]} or {@link ConstTensor}
 */
public record OnnxNode(
        String op, String name, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {

    /**
     * Copies the lists and the map.
     *
     * @param op the operator type ({@code Gemm}, {@code Conv}, ...)
     * @param name the node's name (or {@code op#index} when the file gives none)
     * @param inputs value names of the inputs ({@code ""} for an omitted optional input)
     * @param outputs value names of the outputs
     * @param attributes attribute values: {@code Long}, {@code Double}, {@code String}, {@code long[]},
     *     {@code double[]} or {@link ConstTensor}
     */
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /**
     * Returns an integer attribute.
     *
     * @param key its name
     * @param fallback the value when absent (ONNX's default)
     * @return the value
     */
    public long integer(String key, long fallback) {
        Object v = attributes.get(key);
        return v instanceof Long l ? l : fallback;
    }

    /**
     * Returns a float attribute.
     *
     * @param key its name
     * @param fallback the value when absent
     * @return the value
     */
    public double real(String key, double fallback) {
        Object v = attributes.get(key);
        return v instanceof Double d ? d : fallback;
    }

    /**
     * Returns an integer-list attribute.
     *
     * @param key its name
     * @param fallback the value when absent
     * @return the value
     */
    public long[] integers(String key, long[] fallback) {
        Object v = attributes.get(key);
        return v instanceof long[] a ? a.clone() : fallback;
    }

    /**
     * Returns a string attribute.
     *
     * @param key its name
     * @param fallback the value when absent
     * @return the value
     */
    public String string(String key, String fallback) {
        Object v = attributes.get(key);
        return v instanceof String s ? s : fallback;
    }

    /** {@return {@code op 'name'}, how errors name the node} */
    public String describe() {
        return op + " '" + name + "'";
    }
}
