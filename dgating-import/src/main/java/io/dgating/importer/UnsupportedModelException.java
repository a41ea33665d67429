package io.dgating.importer;

import java.util.List;

/**
 * An ONNX model that dgating cannot import, raised before anything is trained. The message names
 * every node that is the reason, as {@code OpType 'node name'}.
 */
public final class UnsupportedModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The nodes that are the reason, each {@code OpType 'name': why}. */
    private final List<String> nodes;

    /**
     * Creates the exception.
     *
     * @param source the file
     * @param nodes the nodes that cannot be imported and why
     */
    public UnsupportedModelException(String source, List<String> nodes) {
        super(source + ": cannot import " + nodes.size() + " node" + (nodes.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", nodes));
        this.nodes = List.copyOf(nodes);
    }

    /** {@return the nodes that are the reason, each {@code OpType 'name': why}} */
    public List<String> nodes() {
        return nodes;
    }
}
