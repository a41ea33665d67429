package io.dgating.export.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a graph into a model: IR version {@value #IR_VERSION} and opset {@value #OPSET} (both
 * accepted by ONNX Runtime 1.16 and newer), producer {@code dgating} and its version, and
 * the given metadata properties in key order (so equal inputs give byte-identical files).
 */
public final class OnnxModelWriter {

    /** ONNX IR version written. */
    public static final long IR_VERSION = 8;
    /** ONNX-ML opset imported by graphs that use an ONNX-ML operator. */
    public static final long ML_OPSET = 1;
    /** Default-domain opset imported. */
    public static final long OPSET = 17;
    /** Producer name in the model header. */
    public static final String PRODUCER = "dgating";

    private OnnxModelWriter() {}

    /**
     * Returns the serialized model.
     *
     * @param graph the graph
     * @param producerVersion dgating's version
     * @param metadata metadata properties
     * @return ONNX protobuf bytes
     */
    public static byte[] write(OnnxMl.GraphProto graph, String producerVersion, Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setProducerVersion(producerVersion)
                .setGraph(graph)
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (graph.getNodeList().stream().anyMatch(n -> n.getDomain().equals(Op.ML_DOMAIN))) {
            model.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder()
                    .setDomain(Op.ML_DOMAIN)
                    .setVersion(ML_OPSET));
        }
        new TreeMap<>(metadata)
                .forEach((k, v) -> model.addMetadataProps(
                        OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build().toByteArray();
    }
}
