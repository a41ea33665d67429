package io.dgating.importer.onnx;

/** Why one node cannot be imported; the translator turns it into an error naming the file. */
final class NodeProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NodeProblem(OnnxNode node, String why) {
        super(node.describe() + ": " + why, null, false, false);
    }
}
