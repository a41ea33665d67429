package io.dgating.importer.onnx;

import io.dgating.api.ParameterSet;
import io.dgating.api.model.ModelSpec;
import io.dgating.importer.OutputTransform;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A translated model.
 *
 * @param model the layers, ending in the output's dense layer, with the softmax cross-entropy head
 * @param weights every parameter the layers declare
 * @param inputMean what the graph subtracts from each input value before its first layer
 * @param inputScale what it then divides by
 * @param output what the graph applies to the logits
 */
public record Translation(
        ModelSpec model, ParameterSet weights, double[] inputMean, double[] inputScale, OutputTransform output) {

    // the nodes the output depends on, in file order
    static List<OnnxNode> live(List<OnnxNode> nodes, String output) {
        Map<String, OnnxNode> producer = new HashMap<>();
        nodes.forEach(n -> n.outputs().forEach(o -> producer.put(o, n)));
        Set<OnnxNode> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            OnnxNode p = producer.get(todo.pop());
            if (p != null && needed.add(p)) {
                p.inputs().forEach(todo::push);
            }
        }
        return nodes.stream().filter(needed::contains).toList();
    }
}
